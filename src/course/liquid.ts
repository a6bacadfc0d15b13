/**
 * The Liquid that Jekyll posts use inline, resolved the way Jekyll would: links to the site
 * (`relative_url`, `absolute_url`, `site.baseurl`, `post_url`, `link`); anything else is removed
 * with a warning. The block pairs `raw` and `comment` are resolved before (liquidBlocks.ts). Pure.
 */

export interface LiquidResult {
  /** Offset just after the tag or output. */
  end: number;
  /** What stands in its place. */
  text: string;
  warning?: string;
}

/** The `{% … %}` or `{{ … }}` at `start`, or null when it is not closed within its paragraph. */
export function liquidAt(src: string, start: number, siteUrl: string | undefined): LiquidResult | null {
  const isTag = src[start + 1] === "%";
  const close = src.indexOf(isTag ? "%}" : "}}", start + 2);
  if (close < 0 || src.slice(start, close).includes("\n\n")) return null;
  const inner = src.slice(start + 2, close).replace(/^-|-$/g, "").trim();
  const end = close + 2;
  if (isTag) {
    const [name = "", ...args] = inner.split(/\s+/);
    if (name === "post_url" || name === "link") {
      const target = args.join(" ").replace(/^['"]|['"]$/g, "");
      return { end, text: onSite(siteUrl, name === "post_url" ? "/" + target.replace(/^\d{4}-\d{2}-\d{2}-/, "") + "/" : "/" + target) };
    }
    return { end, text: "", warning: `Liquid tag {% ${name} %} is not supported; removed` };
  }
  const rel = /^['"]([^'"]*)['"]\s*\|\s*(relative_url|absolute_url|prepend:\s*site\.baseurl)\s*$/.exec(inner);
  if (rel) return { end, text: onSite(siteUrl, rel[1]!) };
  // `{{ site.baseurl }}/path`: the path that follows is made absolute by the site URL.
  if (/^site\.(baseurl|url)$/.test(inner)) return { end, text: siteUrl ?? "" };
  return { end, text: "", warning: `Liquid expression {{ ${inner} }} is not supported; removed` };
}

function onSite(siteUrl: string | undefined, path: string): string {
  const base = (siteUrl ?? "").replace(/\/$/, "");
  if (/^[a-z]+:/i.test(path)) return path;
  return base + (path.startsWith("/") ? path : "/" + path);
}
