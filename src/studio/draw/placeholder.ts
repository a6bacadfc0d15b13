/**
 * What the preview cannot draw as the app would (a tag a newer client draws, a remote picture it
 * would fetch, a component type it does not know) is shown as a labelled box holding whatever text
 * it has: never silently dropped. The label is the studio's words, marked `data-studio-note`; the app's
 * own words (a code block's language label) are marked `data-chrome`. Neither is the message's text:
 * the tests compare a message's text with what the page shows without them.
 */
import { escapeHtml } from "../../text/html.js";

export function placeholder(label: string, inner = "", opts: { block?: boolean } = {}): string {
  return `<span class="ph${opts.block ? " ph-block" : ""}"><span class="ph-label" data-studio-note>${escapeHtml(label)}</span>${inner}</span>`;
}
