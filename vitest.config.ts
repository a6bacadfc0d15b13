import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    // One throw-away PostgreSQL cluster for the store's second back-end (tests/helpers/postgresSetup.ts).
    globalSetup: ["tests/helpers/postgresSetup.ts"],
    projects: [
      { extends: true, test: { name: "sqlite", include: ["tests/**/*.test.ts"] } },
      {
        // The learning core and its store again, on PostgreSQL: the same tests, each world in a schema of
        // the test file's database (tests/helpers/storeBackend.ts).
        extends: true,
        test: {
          name: "postgres",
          include: ["tests/learning/**/*.test.ts"],
          // SQLite's own: its file format, migrations and a kill -9 of a process writing the file.
          exclude: ["tests/learning/store.test.ts", "tests/learning/migration.test.ts", "tests/learning/crash.test.ts"],
          setupFiles: ["tests/helpers/postgresStore.ts"],
          env: { SAUPHUT_TEST_STORE: "postgres" },
        },
      },
    ],
  },
});
