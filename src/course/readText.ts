/**
 * A post's bytes → its text. Posts are UTF-8; a file that is not would show learners U+FFFD in
 * place of its letters. An old file saved as Windows-1252 (Latin-1) is still read, with a warning;
 * anything else is an error that names the first byte that is not UTF-8. Pure.
 */

export interface DecodedText {
  /** The text, or undefined when the file cannot be read as text. */
  text: string | undefined;
  problem?: { line: number; severity: "error" | "warning"; message: string };
}

const utf8 = new TextDecoder("utf-8", { fatal: true });
const windows1252 = new TextDecoder("windows-1252");

/**
 * Bytes Windows-1252 leaves undefined, and control characters no text file holds (NUL first: a
 * UTF-16 file is full of them). Bytes free of both read as Windows-1252 text.
 */
const NOT_1252_TEXT = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d, ...Array.from({ length: 32 }, (_, i) => i).filter((b) => ![0x09, 0x0a, 0x0c, 0x0d].includes(b))]);

export function decodeText(bytes: Uint8Array): DecodedText {
  try {
    return { text: utf8.decode(bytes) };
  } catch {
    // Not UTF-8: say where, then see whether it reads as Windows-1252.
  }
  const offset = firstInvalidUtf8(bytes);
  const line = 1 + bytes.subarray(0, offset).filter((b) => b === 0x0a).length;
  const where = `byte 0x${bytes[offset]!.toString(16).toUpperCase().padStart(2, "0")} at byte offset ${offset} is not UTF-8`;
  if (bytes.some((b) => NOT_1252_TEXT.has(b))) {
    const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) ? " (the file is UTF-16)" : "";
    return { text: undefined, problem: { line, severity: "error", message: `not UTF-8: ${where}${utf16}; the file is left out — save it as UTF-8` } };
  }
  return { text: windows1252.decode(bytes), problem: { line, severity: "warning", message: `not UTF-8: ${where}; read as Windows-1252 (Latin-1) — save it as UTF-8` } };
}

/** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence (Unicode table 3-7); -1 if none. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (!length) return i;
    // The second byte's range excludes overlong forms, surrogates and code points past U+10FFFF.
    const lo = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
    const hi = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return i;
    }
    i += length;
  }
  return -1;
}
