// Bytes in motion: web streams and async iterables into each other, and chunks joined.
// Portable (no node: import).

/**
 * A web stream over an async iterable (a multipart body's chunks), pulled on demand: with a
 * high-water mark of 0 nothing is read ahead, so a chunk leaves the iterable only when the
 * reader (fetch, sending) asks for it. The request policy reads from that how far an upload
 * got: a body whose last chunk was never asked for cannot have reached the server whole.
 */
export function iterableToStream(iterable: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  const it = iterable[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { done, value } = await it.next();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      async cancel(reason) {
        await it.return?.(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

/** An async iterable over a web stream (browsers' ReadableStream is not async-iterable everywhere). */
export async function* streamChunks(stream: ReadableStream<Uint8Array>): AsyncIterable<Uint8Array> {
  const reader = stream.getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      yield value;
    }
  } finally {
    // Stopped early (an error, a size limit): cancel the source rather than leave it open.
    if (!finished) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}

/** Joins chunks into one array (no copy for a single chunk). */
export function concatBytes(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  let total = 0;
  for (const c of chunks) total += c.byteLength;
  const all = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return all;
}
