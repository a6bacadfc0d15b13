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

/**
 * Vitest runs a global setup for the root and again for each project, all in its main process: the
 * cluster is started once there and stopped after the last of them has finished.
 */
const shared = globalThis as typeof globalThis & { sauphutCluster?: { started: Promise<Cluster>; users: number } };

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env.SAUPHUT_TEST_POSTGRES_URL;
  if (given) {
    project.provide("postgresAdminUrl", given);
    project.provide("postgresMissing", "");
    return async () => {};
  }
  const entry = (shared.sauphutCluster ??= { started: startCluster(), users: 0 });
  entry.users++;
  const release = async (): Promise<void> => {
    if (--entry.users > 0) return;
    shared.sauphutCluster = undefined;
    await entry.started.then((c) => c.stop(), () => {});
  };
  try {
    const cluster = await entry.started;
    project.provide("postgresAdminUrl", cluster.adminUrl);
    project.provide("postgresMissing", "");
  } catch (e) {
    if (process.env.CI) throw new Error(`CI needs a PostgreSQL server for the store's tests: ${(e as Error).message}`);
    project.provide("postgresAdminUrl", "");
    project.provide("postgresMissing", (e as Error).message);
  }
  return release;
}
