// Content-Encoding for the Node transport: node:http hands the bytes on as sent, where fetch
// decodes them itself; without this a gzip answer would reach JSON.parse compressed. Only
// transport-node.ts imports this, on the first compressed answer (so node:zlib loads then),
// and the default (non-node) build holds no node:zlib.
import { pipeline, type Readable } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate, constants } from "node:zlib";
import type { IncomingMessage } from "node:http";

/**
 * An IncomingMessage's body with its Content-Encoding (gzip, deflate or br) undone, as fetch
 * does; the caller has checked it has one of these.
 */
export function decodedBody(res: IncomingMessage): Readable {
  const encoding = String(res.headers["content-encoding"] ?? "").trim().toLowerCase();
  const decoder =
    encoding === "gzip" || encoding === "x-gzip"
      ? createGunzip({ finishFlush: constants.Z_SYNC_FLUSH })
      : encoding === "deflate"
        ? createInflate({ finishFlush: constants.Z_SYNC_FLUSH })
        : createBrotliDecompress();
  // Errors on either side (a cut connection, corrupt data) end up on the decoder's side.
  return pipeline(res, decoder, () => {}) as unknown as Readable;
}
