/** Issue 18 §5: the README's Docker Compose example of a standby is a valid file that says what the text says. */
import { readFileSync } from "node:fs";
import yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { isPostgresUrl } from "../../src/config.js";

interface Service {
  image?: string;
  restart?: string;
  environment?: Record<string, string>;
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
}

describe("the README's standby example", () => {
  it("GIVEN the yaml block under Scaling THEN PostgreSQL and two bot replicas on one DATABASE_URL, each with its own DATA_DIR volume, restarted when they exit", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const block = /\*\*Running a standby with Docker Compose\.\*\*[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    const doc = yaml.load(block!) as { services: Record<string, Service>; volumes: Record<string, unknown> };
    const bots = Object.entries(doc.services).filter(([, s]) => s.image === "sau-phut");
    expect(bots.map(([name]) => name)).toEqual(["bot-a", "bot-b"]);
    const urls = bots.map(([, s]) => s.environment?.DATABASE_URL ?? "");
    expect(new Set(urls).size).toBe(1);
    expect(isPostgresUrl(urls[0]!.replace("${POSTGRES_PASSWORD}", "pw"))).toBe(true);
    expect(new URL(urls[0]!.replace("${POSTGRES_PASSWORD}", "pw")).hostname).toBe("postgres");
    expect(doc.services.postgres?.image).toMatch(/^postgres:/);
    const dataVolumes = bots.map(([, s]) => (s.volumes ?? []).find((v) => v.endsWith(":/data")));
    expect(new Set(dataVolumes).size).toBe(2);
    for (const [, s] of bots) {
      expect(s.restart).toBe("unless-stopped");
      expect(s.depends_on?.postgres?.condition).toBe("service_healthy");
      expect(Object.keys(doc.volumes)).toContain(s.volumes![0]!.split(":")[0]);
    }
  });
});
