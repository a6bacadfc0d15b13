/**
 * Vitest's global setup: one throw-away PostgreSQL cluster for the whole run, its admin URL given to the
 * test files as `inject("postgresAdminUrl")` ("" when there is none, with the reason in
 * `inject("postgresMissing")`). In CI a cluster that cannot start fails the run; elsewhere the tests
 * that need one skip and say why.
 */
import type { TestProject } from "vitest/node";
import { startCluster, type Cluster } from "./postgresCluster.js";

declare module "vitest" {
  export interface ProvidedContext {
    postgresAdminUrl: string;
    postgresMissing: string;
  }
}

let cluster: Cluster | undefined;

export default async function setup(project: TestProject): Promise<() => void> {
  const given = process.env.SAUPHUT_TEST_POSTGRES_URL;
  if (given) {
    project.provide("postgresAdminUrl", given);
    project.provide("postgresMissing", "");
    return () => {};
  }
  try {
    cluster = await startCluster();
    project.provide("postgresAdminUrl", cluster.adminUrl);
    project.provide("postgresMissing", "");
  } catch (e) {
    if (process.env.CI) throw new Error(`CI needs a PostgreSQL server for the store's tests: ${(e as Error).message}`);
    project.provide("postgresAdminUrl", "");
    project.provide("postgresMissing", (e as Error).message);
  }
  return () => cluster?.stop();
}
