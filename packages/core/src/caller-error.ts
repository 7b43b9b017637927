// An error raised by the caller's own code or data while a request is under way (a throwing
// onProgress, a source that yields fewer bytes than it announced). The runtime sees it as a
// failed body and would report a ConnectionError, which is retryable and wrong: this wrapper
// travels through node:http and fetch (as an error or an error's cause) and the transport
// hands the original to the caller, once, without retrying.
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
