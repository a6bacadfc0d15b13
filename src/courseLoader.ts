/**
 * Composition glue: the lesson engine's renderings of the content, as the catalogue the learning
 * core serves. Lives beside main.ts because it joins two layers that do not know each other.
 */
import { loadRenderings } from "./build/courseSource.js";
import { Catalogue } from "./learning/catalogue.js";

/** The catalogue the bot serves on a platform, in each of its formats (preferred first). */
export async function loadCatalogue(opts: Parameters<typeof loadRenderings>[0]): Promise<Catalogue> {
  return Catalogue.from(await loadRenderings(opts));
}
