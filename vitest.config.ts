import { defineConfig } from "vitest/config";
import { serverBinaries } from "./tests/helpers/postgresCluster.js";

/**
 * The store's second back-end needs a PostgreSQL server: Debian's (which .ci/run installs) or one at
 * SAUPHUT_TEST_POSTGRES_URL. Without either, outside CI, the tests on PostgreSQL are left out and the
 * run says so; in CI they always run (and fail without a server).
 */
const postgres = Boolean(process.env.CI || process.env.SAUPHUT_TEST_POSTGRES_URL || serverBinaries());
if (!postgres) console.warn("No PostgreSQL server here (apt-get install postgresql): the learning tests on PostgreSQL and the store's PostgreSQL tests are skipped.");

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    // One throw-away PostgreSQL cluster for the store's second back-end (tests/helpers/postgresSetup.ts).
    globalSetup: ["tests/helpers/postgresSetup.ts"],
    projects: [
      { extends: true, test: { name: "sqlite", include: ["tests/**/*.test.ts"] } },
      ...(postgres
        ? [
            {
              // The learning core and its store again, on PostgreSQL: the same tests, each world in a schema of
              // the test file's database (tests/helpers/storeBackend.ts).
              extends: true as const,
              test: {
                name: "postgres",
                include: ["tests/learning/**/*.test.ts"],
                // SQLite's own: its file format, migrations and a kill -9 of a process writing the file.
                exclude: ["tests/learning/store.test.ts", "tests/learning/migration.test.ts", "tests/learning/crash.test.ts"],
                setupFiles: ["tests/helpers/postgresStore.ts"],
                env: { SAUPHUT_TEST_STORE: "postgres" },
              },
            },
          ]
        : []),
    ],
  },
});
