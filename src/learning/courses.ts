import type { Platform } from "../contract/lessons.js";
import type { Catalogue } from "./catalogue.js";

/** The catalogue as rendered for each platform the bot serves (same course and lesson ids everywhere). */
export class Courses {
  private readonly byPlatform = new Map<Platform, Catalogue>();

  constructor(catalogues: Iterable<Catalogue>) {
    for (const c of catalogues) this.byPlatform.set(c.platform, c);
  }

  get platforms(): Platform[] {
    return [...this.byPlatform.keys()];
  }

  for(platform: Platform): Catalogue {
    const catalogue = this.byPlatform.get(platform);
    if (!catalogue) throw new Error(`no catalogue rendered for platform ${platform}`);
    return catalogue;
  }

  has(platform: Platform): boolean {
    return this.byPlatform.has(platform);
  }

  /** A re-read catalogue takes the place of the old one (ids are stable: learners keep their place). */
  replace(catalogue: Catalogue): void {
    this.byPlatform.set(catalogue.platform, catalogue);
  }
}
