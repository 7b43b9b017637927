// One way to read an answer, whichever path sent the request (fetch, a custom fetch,
// node:http for uploads) and whatever the Content-Type says: the body is decoded
// (Content-Encoding gzip/deflate/br where the runtime did not already, a UTF-8 BOM, the
// declared charset), and the body of a JSON operation is read as JSON with exact integers
// even when a gateway labels it text/plain or sends no Content-Type at all.
import { pipeline, type Readable } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate, constants } from "node:zlib";
import type { IncomingMessage } from "node:http";
import { quoteUnsafeIntegers } from "./json.js";

/** The body is larger than the reader's limit. */
export class TooLarge extends Error {}

/**
 * An IncomingMessage's body with its Content-Encoding undone, as fetch does. node:http hands
 * the bytes on as sent; without this an upload's gzip answer would reach JSON.parse compressed.
 * Returns the stream and whether it was decoded (then Content-Encoding/Length no longer apply).
 */
export function decodedBody(res: IncomingMessage): { body: Readable; decoded: boolean } {
  const encoding = String(res.headers["content-encoding"] ?? "").trim().toLowerCase();
  const decoder =
    encoding === "gzip" || encoding === "x-gzip"
      ? createGunzip({ finishFlush: constants.Z_SYNC_FLUSH })
      : encoding === "deflate"
        ? createInflate({ finishFlush: constants.Z_SYNC_FLUSH })
        : encoding === "br"
          ? createBrotliDecompress()
          : undefined;
  if (!decoder) return { body: res, decoded: false };
  // Errors on either side (a cut connection, corrupt data) end up on the decoder's side.
  return { body: pipeline(res, decoder, () => {}) as unknown as Readable, decoded: true };
}

const UTF8 = new TextDecoder("utf-8");

/** The charset a Content-Type declares (utf-8 when none or unknown). */
export function charsetOf(contentType: string | null): string {
  const m = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? "");
  const label = m?.[1]?.toLowerCase() ?? "utf-8";
  try {
    new TextDecoder(label);
    return label;
  } catch {
    return "utf-8";
  }
}

/** Bytes → text in the declared charset; a leading BOM is dropped (TextDecoder's default). */
export function decodeText(bytes: Uint8Array, contentType: string | null): string {
  if (!contentType || !/charset/i.test(contentType)) return UTF8.decode(bytes);
  const label = charsetOf(contentType);
  return (label === "utf-8" || label === "utf8" ? UTF8 : new TextDecoder(label)).decode(bytes);
}

/**
 * Reads a body whole, up to `limit` bytes. Past it: with `strict`, TooLarge; otherwise the
 * first `limit` bytes (error bodies are only quoted).
 */
export async function readBody(res: Response, limit: number, strict = false): Promise<Uint8Array> {
  if (!res.body) return new Uint8Array(0);
  // Announced as too large (and not compressed): refused without reading it.
  if (strict && Number(res.headers.get("content-length")) > limit && !res.headers.has("content-encoding")) {
    await res.body.cancel().catch(() => {});
    throw new TooLarge();
  }
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      if (strict) throw new TooLarge();
      chunks.push(value.subarray(0, value.byteLength - (size - limit)));
      break;
    }
    chunks.push(value);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

/** A body's text, decoded as its headers say. */
export async function readText(res: Response, limit: number, strict = false): Promise<string> {
  return decodeText(await readBody(res, limit, strict), res.headers.get("content-type"));
}

/** JSON text → value, integers beyond 2^53 as exact decimal strings when asked. Throws SyntaxError. */
export function parseAnswer(text: string, exactIntegers: boolean | undefined): unknown {
  return JSON.parse(exactText(text, exactIntegers));
}

/**
 * The text as it is parsed: with exact integers, every integer beyond 2^53 already quoted. This
 * is also what a checked Response's text() answers: openapi-fetch parses text() itself when an
 * answer has no Content-Length (chunked, as gateways send), and would lose the digits otherwise.
 */
export function exactText(text: string, exactIntegers: boolean | undefined): string {
  return exactIntegers ? quoteUnsafeIntegers(text) : text;
}

/** Does a Content-Type say JSON? (Used only to word messages; bodies are read the same way.) */
export function saysJson(contentType: string | null): boolean {
  return /\bjson\b/i.test(contentType ?? "");
}

/**
 * For a streamed download that may be an error in disguise (MiniMax's base_resp in a 200):
 * reads up to `limit` bytes. When the whole body fits, it is returned as `whole` (to check);
 * otherwise `rest` is a stream of every byte (the ones read first, then the remainder),
 * so nothing is capped or lost.
 */
export async function peekBody(res: Response, limit: number, onChunk: () => void = () => {}): Promise<{ whole: Uint8Array } | { rest: ReadableStream<Uint8Array> }> {
  if (!res.body) return { whole: new Uint8Array(0) };
  const reader = res.body.getReader();
  const head: Uint8Array[] = [];
  let size = 0;
  while (size <= limit) {
    // Each chunk counts as progress: a slow but steady download is not timed out while peeked.
    onChunk();
    const { done, value } = await reader.read();
    if (done) return { whole: head.length === 1 ? head[0]! : Buffer.concat(head) };
    head.push(value);
    size += value.byteLength;
  }
  const rest = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const first = head.shift();
      if (first) return controller.enqueue(first);
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  return { rest };
}
