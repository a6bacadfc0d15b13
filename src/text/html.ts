/**
 * HTML text and attribute escaping, for Telegram's HTML parse mode and its rich messages alike. Both
 * decode only `&lt; &gt; &amp; &quot;` and numeric entities, so these are the only ones written.
 *
 *   escapeHtml("a < b & c")   // "a &lt; b &amp; c"
 *   escapeAttr('say "hi"')    // "say &quot;hi&quot;"
 */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** An attribute value in double quotes. */
export function escapeAttr(s: string): string {
  return escapeHtml(s).replace(/"/g, "&quot;");
}
