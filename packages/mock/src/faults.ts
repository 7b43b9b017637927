// Faults a test scripts for its own retry and recovery code: fail the next N requests
// (optionally only some: an operation, a method, a path) with a status and Retry-After, add
// latency, leave a request unanswered, or drop the connection once the request was read
// (before or after the mock applied it: "was my upload stored?"). Each fault is used up
// after `times` requests; `skip` lets that many matching requests through first.

export interface FaultSpec {
  /**
   * Only requests of this operation: the profile's name ("list", "upload", "retrieve", "content",
   * "delete"), the spec's operationId ("addUploadPart"), or for a resumable upload one of its
   * steps ("upload.start", "upload.chunk", "upload.finalize", "upload.query", "upload.cancel").
   */
  operation?: string;
  /** Only requests with this method (any case). */
  method?: string;
  /** Only requests whose path (without the query) is this string, or matches this RegExp. */
  path?: string | RegExp;
  /** Let this many matching requests through before the fault starts (default 0). */
  skip?: number;
  /** How many matching requests it applies to (default 1; Infinity: every one until cleared). */
  times?: number;
  /**
   * Answer with this HTTP status and the provider's error body for it, without applying the
   * request (for a provider whose errors come inside a 200, the in-body code for that status).
   */
  status?: number;
  /** With `status`: a Retry-After header, in seconds. */
  retryAfter?: number;
  /** Extra answer headers (e.g. { "retry-after-ms": "10" }). */
  headers?: Record<string, string>;
  /** The error's message, code and type in the body (defaults: from the status). */
  message?: string;
  code?: string | number;
  type?: string;
  /** Wait this long (on the real clock) before answering; alone, the request then goes through. */
  delayMs?: number;
  /** Read the request and never answer it (until the client gives up or the mock stops). */
  hang?: boolean;
  /**
   * Read the whole request, then close the connection with no answer: "before-store" leaves
   * the mock as it was, "after-store" applies the request first (the upload is kept, the
   * client never hears of it).
   */
  drop?: "before-store" | "after-store";
  /**
   * Close the connection once this many bytes of the request's body arrived, with no answer. A
   * resumable upload's chunk keeps the whole granules (256 KiB) that arrived, as the protocol's
   * servers do (the client asks what arrived and goes on); any other request is not applied.
   */
  dropAfterBytes?: number;
}

export interface Fault {
  readonly spec: Readonly<FaultSpec>;
  /** Requests it has applied to so far. */
  readonly hits: number;
  /** Requests it will still apply to. */
  readonly remaining: number;
  /** Resolves when it first applies to a request (as that request arrives, before its body is read). */
  readonly applied: Promise<void>;
  /** Removes it (requests from now on are answered normally). */
  cancel(): void;
}

interface ActiveFault extends Fault {
  take(): boolean;
  matches(req: { method: string; path: string; operations: readonly string[] }): boolean;
}

/** Checks a fault's fields, naming a bad one: scripting mistakes fail at once, not as a silent no-op. */
export function checkFault(spec: FaultSpec): void {
  const fail = (field: string, want: string, got: unknown) => {
    throw new TypeError(`@llm-files/mock: fault.${field} must be ${want}, got ${typeof got === "string" ? JSON.stringify(got) : String(got)}`);
  };
  if (spec === null || typeof spec !== "object") throw new TypeError(`@llm-files/mock: a fault is an object ({ status, times, operation, ... })`);
  const count = (field: "skip" | "times" | "delayMs" | "retryAfter" | "dropAfterBytes", min: number) => {
    const v = spec[field];
    if (v !== undefined && (typeof v !== "number" || Number.isNaN(v) || v < min || (!Number.isInteger(v) && v !== Infinity))) fail(field, `a whole number >= ${min}`, v);
  };
  count("skip", 0);
  count("times", 1);
  count("delayMs", 0);
  count("retryAfter", 0);
  count("dropAfterBytes", 0);
  if (spec.delayMs === Infinity) fail("delayMs", "finite (use hang: true for a request never answered)", spec.delayMs);
  if (spec.status !== undefined && (!Number.isInteger(spec.status) || spec.status < 100 || spec.status > 599)) fail("status", "an HTTP status (100-599)", spec.status);
  if (spec.drop !== undefined && spec.drop !== "before-store" && spec.drop !== "after-store") fail("drop", `"before-store" or "after-store"`, spec.drop);
  if (spec.dropAfterBytes === Infinity) fail("dropAfterBytes", "finite", spec.dropAfterBytes);
  const outcomes = [spec.status !== undefined, spec.hang === true, spec.drop !== undefined, spec.dropAfterBytes !== undefined].filter(Boolean).length;
  if (outcomes > 1) throw new TypeError("@llm-files/mock: a fault has one outcome: status, hang, drop or dropAfterBytes (delayMs combines with any)");
  if (outcomes === 0 && spec.delayMs === undefined) throw new TypeError("@llm-files/mock: a fault needs an outcome: status, hang, drop, dropAfterBytes or delayMs");
}

export class Faults {
  private readonly active: ActiveFault[] = [];

  add(spec: FaultSpec): Fault {
    checkFault(spec);
    const frozen = Object.freeze({ ...spec });
    let skip = spec.skip ?? 0;
    let remaining = spec.times ?? 1;
    let hits = 0;
    let hit = () => {};
    const applied = new Promise<void>((resolve) => (hit = resolve));
    const list = this.active;
    const fault: ActiveFault = {
      spec: frozen,
      applied,
      get hits() {
        return hits;
      },
      get remaining() {
        return remaining;
      },
      cancel() {
        const i = list.indexOf(fault);
        if (i >= 0) list.splice(i, 1);
      },
      matches: ({ method, path, operations }) =>
        (frozen.method === undefined || frozen.method.toUpperCase() === method.toUpperCase()) &&
        (frozen.operation === undefined || operations.includes(frozen.operation)) &&
        (frozen.path === undefined || (typeof frozen.path === "string" ? frozen.path === path : frozen.path.test(path))),
      take() {
        if (skip > 0) {
          skip--;
          return false;
        }
        hits++;
        remaining--;
        hit();
        if (remaining <= 0) fault.cancel();
        return true;
      },
    };
    list.push(fault);
    return fault;
  }

  /** The fault for this request, if one applies (using it up by one). */
  take(req: { method: string; path: string; operations: readonly string[] }): Readonly<FaultSpec> | undefined {
    for (const f of [...this.active]) if (f.matches(req) && f.take()) return f.spec;
    return undefined;
  }

  clear(): void {
    this.active.length = 0;
  }

  list(): Fault[] {
    return [...this.active];
  }
}
