/** Width and height from a PNG or JPEG header, the way Telegram learns a photo's size. */

export interface ImageSize {
  width: number;
  height: number;
  format: "png" | "jpeg";
}

function pngSize(data: Buffer): ImageSize | null {
  const signature = data.length >= 24 && data.readUInt32BE(0) === 0x89504e47 && data.readUInt32BE(4) === 0x0d0a1a0a;
  if (!signature || data.toString("latin1", 12, 16) !== "IHDR") return null;
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20), format: "png" };
}

function jpegSize(data: Buffer): ImageSize | null {
  if (data.length < 4 || data[0] !== 0xff || data[1] !== 0xd8) return null;
  let pos = 2;
  while (pos + 9 < data.length) {
    if (data[pos] !== 0xff) return null;
    const marker = data[pos + 1]!;
    if (marker === 0xff) {
      pos++;
      continue;
    }
    const length = data.readUInt16BE(pos + 2);
    // SOF0..SOF15 carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: data.readUInt16BE(pos + 5), width: data.readUInt16BE(pos + 7), format: "jpeg" };
    }
    pos += 2 + length;
  }
  return null;
}

export function imageSize(data: Buffer): ImageSize | null {
  return pngSize(data) ?? jpegSize(data);
}
