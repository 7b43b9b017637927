// Content-Encoding for the Node wire: node:http hands the bytes on as sent, where fetch
// decodes them itself; without this a gzip answer would reach JSON.parse compressed. Only
// wire-node.ts imports this, so the default (non-node) build holds no node:zlib.
import { pipeline, type Readable } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate, constants } from "node:zlib";
import type { IncomingMessage } from "node:http";

/**
 * An IncomingMessage's body with its Content-Encoding undone, as fetch does. Returns the
 * stream and whether it was decoded (then Content-Encoding/Length no longer apply).
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
