/** The test files' side of the shared PostgreSQL cluster (see postgresSetup.ts). */
import { inject } from "vitest";
import { freshDatabase } from "./postgresCluster.js";

/** The cluster's admin URL, or "" (the tests that need it skip: only outside CI). */
export const postgresAdminUrl: string = inject("postgresAdminUrl");

/** Why there is no cluster, for the skip message. */
export const postgresMissing = postgresAdminUrl ? "" : `no PostgreSQL server (${inject("postgresMissing")}); these tests skip outside CI`;

/** An empty database of the run's cluster. */
export function postgresDatabase(prefix = "t"): Promise<{ url: string; drop(): Promise<void> }> {
  if (!postgresAdminUrl) throw new Error(postgresMissing);
  return freshDatabase(postgresAdminUrl, prefix);
}
