import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    // One throw-away PostgreSQL cluster for the store's second back-end (tests/helpers/postgresSetup.ts).
    globalSetup: ["tests/helpers/postgresSetup.ts"],
  },
});
