// Reading a response body: the one module that does, on both transports (node:http and
// fetch, the caller's own fetch included) and whatever the Content-Type says: the body's declared charset is honoured and
// a UTF-8 BOM dropped, a body announced above the cap is refused without reading it, and the
// body of a JSON operation is read as JSON with exact integers even when a gateway labels it
// text/plain or sends no Content-Type at all. Content-Encoding is undone by the transport that
// received it (fetch does it itself; node:http in decode-node.ts), so this file is portable.
import { quoteUnsafeIntegers } from "./json.js";
import { concatBytes } from "./streams.js";
import type { TransportResponse } from "./transport.js";

/** The body is larger than the reader's limit. */
export class TooLarge extends Error {}

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
 * A body's text, up to `limit` bytes, decoded as its headers say. Past the limit: with
 * `strict`, TooLarge (a body announced as too large, and not compressed, is refused without
 * reading a byte of it); otherwise the text of the first `limit` bytes (error bodies are only quoted).
 */
export async function readText(res: TransportResponse, limit: number, strict = false): Promise<string> {
  if (strict && Number(res.header("content-length")) > limit && res.header("content-encoding") === null) {
    res.discard();
    throw new TooLarge();
  }
  const read = await res.bytes(limit);
  if (read.truncated && strict) throw new TooLarge();
  return decodeText(read.bytes, res.header("content-type"));
}

/** Reads a web stream, keeping at most `limit` bytes (the rest is cancelled). */
export async function readStreamBytes(stream: ReadableStream<Uint8Array> | null, limit: number): Promise<{ bytes: Uint8Array; truncated: boolean }> {
  if (!stream) return { bytes: new Uint8Array(0), truncated: false };
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      chunks.push(value.subarray(0, value.byteLength - (size - limit)));
      await reader.cancel().catch(() => {});
      return { bytes: concatBytes(chunks), truncated: true };
    }
    chunks.push(value);
  }
  return { bytes: concatBytes(chunks), truncated: false };
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
 * For a streamed download that may be an error in disguise (a provider's status object in a 200):
 * reads up to `limit` bytes. When the whole body fits, it is returned as `whole` (to check);
 * otherwise `rest` is a stream of every byte (the ones read first, then the remainder),
 * so nothing is capped or lost.
 */
export async function peekBody(body: ReadableStream<Uint8Array> | null, limit: number, onChunk: () => void = () => {}): Promise<{ whole: Uint8Array } | { rest: ReadableStream<Uint8Array> }> {
  if (!body) return { whole: new Uint8Array(0) };
  const reader = body.getReader();
  const head: Uint8Array[] = [];
  let size = 0;
  while (size <= limit) {
    // Each chunk counts as progress: a slow but steady download is not timed out while peeked.
    onChunk();
    const { done, value } = await reader.read();
    if (done) return { whole: concatBytes(head.length ? head : [new Uint8Array(0)]) };
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
