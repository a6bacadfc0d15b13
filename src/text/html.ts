/**
 * Escaping for HTML that chat clients parse (Telegram's HTML parse mode and rich messages). They
 * decode only `&lt; &gt; &amp; &quot;` and numeric entities, so these are the only ones written.
 *
 *   escapeHtml("a < b & c")          // "a &lt; b &amp; c"
 *   escapeHtmlAttribute('say "hi"')  // "say &quot;hi&quot;"
 */

/** Text between tags: `&`, `<` and `>` escaped. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A double-quoted attribute value: as text, and `"` too. */
export function escapeHtmlAttribute(s: string): string {
  return escapeHtml(s).replace(/"/g, "&quot;");
}
