/**
 * Segments → as few chat messages as the limits allow: text packed close to the message limit,
 * consecutive images grouped into albums of up to 10, and a nearby short text carried as the
 * album's caption (the text after the images on Telegram, where captions show below the photos;
 * the text before them on Discord, where content shows above the attachments).
 */
import type { Dialect } from "../../text/dialect.js";
import { cutText } from "../cut.js";

/** `figure`: the author's picture; `formula`: a formula (or a table) drawn by the engine. */
export type Packable = { k: "text"; s: string } | { k: "img"; file: string; alt: string; kind: "figure" | "formula" };

export interface PackedMessage {
  text?: string;
  images?: string[];
  /** What each image shows, in words (Discord alt text; the corpus test reads it too). */
  alt?: string[];
}

export const MAX_ALBUM = 10;

export function pack(segs: Packable[], m: Dialect): PackedMessage[] {
  const out: PackedMessage[] = [];
  let text = "";
  const sep = "\n\n";

  const pushText = (): void => {
    if (text.trim()) out.push({ text });
    text = "";
  };
  const addText = (s: string): void => {
    for (const piece of cutText(s, m.textLimit, m)) {
      const joined = text ? text + sep + piece : piece;
      if (m.visibleLength(joined) <= m.textLimit) text = joined;
      else {
        pushText();
        text = piece;
      }
    }
  };

  let i = 0;
  while (i < segs.length) {
    const seg = segs[i]!;
    if (seg.k === "text") {
      addText(seg.s);
      i++;
      continue;
    }
    // A run of consecutive images of one kind → albums of at most 10, in the order the text names
    // them. Formulas and the author's figures never share an album: an album reads as one picture.
    const run: { file: string; alt: string }[] = [];
    const kind = seg.kind;
    while (i < segs.length && segs[i]!.k === "img" && (segs[i] as Extract<Packable, { k: "img" }>).kind === kind) {
      const s = segs[i] as Extract<Packable, { k: "img" }>;
      run.push({ file: s.file, alt: s.alt });
      i++;
    }
    for (let a = 0; a < run.length; a += MAX_ALBUM) {
      const album = run.slice(a, a + MAX_ALBUM);
      const msg: PackedMessage = { images: album.map((x) => x.file), alt: album.map((x) => x.alt) };
      const lastAlbum = a + MAX_ALBUM >= run.length;
      if (m.captionPosition === "before") {
        if (text.trim() && m.visibleLength(text) <= m.captionLimit) {
          msg.text = text;
          text = "";
        } else pushText();
      } else {
        pushText();
        if (lastAlbum) {
          // Take the following text blocks as the caption while they fit.
          let caption = "";
          while (i < segs.length && segs[i]!.k === "text") {
            const s = (segs[i] as Extract<Packable, { k: "text" }>).s;
            const joined = caption ? caption + sep + s : s;
            if (m.visibleLength(joined) > m.captionLimit) break;
            caption = joined;
            i++;
          }
          if (caption) msg.text = caption;
        }
      }
      out.push(msg);
    }
  }
  pushText();
  return out;
}
