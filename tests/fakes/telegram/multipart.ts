/**
 * multipart/form-data as grammY writes it. Node 20's own `Request.formData()` refuses grammY's
 * parts (`content-disposition:form-data;name="x"` without spaces, unquoted `filename=`), so the
 * fake reads the parts itself.
 */

export interface FormFile {
  filename: string;
  contentType: string;
  data: Buffer;
}

export interface FormData {
  fields: Map<string, string>;
  files: Map<string, FormFile>;
}

/** The boundary of a multipart content type, or null when it is not multipart/form-data. */
export function multipartBoundary(contentType: string | undefined): string | null {
  const m = /^multipart\/form-data\s*;.*?boundary=(?:"([^"]+)"|([^\s;]+))/i.exec(contentType ?? "");
  return m ? (m[1] ?? m[2] ?? null) : null;
}

function headerParam(header: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|;)\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]*))`, "i").exec(header);
  return m ? (m[1] ?? m[2]) : undefined;
}

/** Splits a multipart body into text fields and files; throws on a malformed body. */
export function parseMultipart(body: Buffer, boundary: string): FormData {
  const fields = new Map<string, string>();
  const files = new Map<string, FormFile>();
  const delimiter = Buffer.from(`--${boundary}`);
  const next = Buffer.from(`\r\n--${boundary}`);
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw new Error("multipart body without its boundary");
  pos += delimiter.length;
  for (;;) {
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) break; // "--": the closing delimiter
    if (body[pos] === 0x0d && body[pos + 1] === 0x0a) pos += 2;
    const headerEnd = body.indexOf("\r\n\r\n", pos);
    if (headerEnd < 0) throw new Error("multipart part without a header end");
    const headers = new Map<string, string>();
    for (const line of body.toString("utf8", pos, headerEnd).split("\r\n")) {
      const colon = line.indexOf(":");
      if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const end = body.indexOf(next, headerEnd + 4);
    if (end < 0) throw new Error("multipart part without a closing boundary");
    const disposition = headers.get("content-disposition") ?? "";
    const name = headerParam(disposition, "name");
    if (!name) throw new Error("multipart part without a name");
    const filename = headerParam(disposition, "filename");
    const data = body.subarray(headerEnd + 4, end);
    if (filename !== undefined) files.set(name, { filename, contentType: headers.get("content-type") ?? "application/octet-stream", data: Buffer.from(data) });
    else fields.set(name, data.toString("utf8"));
    pos = end + next.length;
  }
  return { fields, files };
}
