// An error raised by the caller's own code or data while a request is under way (a throwing
// onProgress, a source that yields fewer bytes than it announced). The runtime sees it as a
// failed body and would report a ConnectionError, which is retryable and wrong: this wrapper
// travels through node:http and fetch (as an error or an error's cause) and the transport
// hands the original to the caller, once, without retrying.
import { ValidationError } from "./errors.js";

export class CallerError extends Error {
  readonly error: unknown;
  constructor(error: unknown) {
    super("the caller's code or data failed during the request", { cause: error });
    this.name = "CallerError";
    this.error = error;
  }
}

/** The caller's own error if `err` is, or was caused by, a CallerError. */
export function callerErrorIn(err: unknown): { error: unknown } | undefined {
  for (let e: any = err, depth = 0; e && depth < 6; e = e.cause, depth++) {
    if (e instanceof CallerError) return { error: e.error };
  }
  return undefined;
}

/** Runs a caller's callback; what it throws becomes a CallerError. */
export function callerCall<A>(fn: ((arg: A) => void) | undefined, arg: A): void {
  if (!fn) return;
  try {
    fn(arg);
  } catch (err) {
    throw new CallerError(err);
  }
}

/** A source that ends before (or runs past) its announced size: the caller's data, not the network, failed. */
export function shrank(read: number, size: number, provider = "llm-files"): CallerError {
  return new CallerError(
    new ValidationError(provider, "file", `gave ${read > size ? "more than" : "only"} ${read} bytes where its size said ${size} (it changed while it was being uploaded): the upload was abandoned, nothing truncated was sent as complete; upload it again once it is stable`),
  );
}

/** The caller's source, whose read errors are the caller's own (not a network failure to retry). */
export async function* callerData(source: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  const it = source[Symbol.asyncIterator]();
  try {
    for (;;) {
      let step: IteratorResult<Uint8Array>;
      try {
        step = await it.next();
      } catch (err) {
        throw err instanceof CallerError ? err : new CallerError(err);
      }
      if (step.done) return;
      yield step.value;
    }
  } finally {
    await it.return?.();
  }
}
