/** Reads a Bot API request's parameters: query string plus a JSON, urlencoded or multipart body. */
import type { IncomingMessage } from "node:http";
import { ApiError, badRequest } from "./errors.js";
import { multipartBoundary, parseMultipart, type FormFile } from "./multipart.js";
import { Params } from "./params.js";

/** Telegram refuses uploads over 50 MB; a little room for the other parts. */
const MAX_BODY = 52 * 1024 * 1024;

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new ApiError(413, "Request Entity Too Large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function readParams(req: IncomingMessage, url: URL): Promise<Params> {
  const values = new Map<string, unknown>(url.searchParams);
  let uploads = new Map<string, FormFile>();
  const body = await readBody(req);
  const type = req.headers["content-type"] ?? "";
  if (body.length) {
    const boundary = multipartBoundary(type);
    if (boundary) {
      try {
        const form = parseMultipart(body, boundary);
        for (const [k, v] of form.fields) values.set(k, v);
        uploads = form.files;
      } catch (e) {
        throw badRequest(`can't parse multipart/form-data: ${(e as Error).message}`);
      }
    } else if (/^application\/json/i.test(type)) {
      let json: unknown;
      try {
        json = JSON.parse(body.toString("utf8"));
      } catch {
        throw badRequest("can't parse JSON body");
      }
      if (typeof json !== "object" || json === null || Array.isArray(json)) throw badRequest("the JSON body must be an object");
      for (const [k, v] of Object.entries(json)) values.set(k, v);
    } else if (/^application\/x-www-form-urlencoded/i.test(type)) {
      for (const [k, v] of new URLSearchParams(body.toString("utf8"))) values.set(k, v);
    } else throw badRequest(`unsupported content type "${type}"`);
  }
  return new Params(values, uploads);
}
