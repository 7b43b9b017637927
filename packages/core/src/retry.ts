// When and how long to wait before trying again.

export const MAX_RETRY_AFTER_MS = 60_000;

/**
 * Retry-After read strictly as RFC 9110 §10.2.3 says: delta-seconds (digits only) or an
 * HTTP-date (IMF-fixdate, or the obsolete RFC 850 and asctime forms). Anything else is
 * ignored (undefined), never handed to Date.parse, which reads "1" or "soon 2" as dates in 2001.
 * retry-after-ms (non-standard, sent by some API gateways) is honoured when it is a plain number.
 */
export function parseRetryAfter(headers: Headers, now = Date.now()): number | undefined {
  const ms = headers.get("retry-after-ms")?.trim();
  if (ms && /^\d+(\.\d+)?$/.test(ms)) return Number(ms);
  const value = headers.get("retry-after")?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = parseHttpDate(value);
  return date === undefined ? undefined : Math.max(0, date - now);
}

const DAY = "(Mon|Tue|Wed|Thu|Fri|Sat|Sun)";
const LONG_DAY = "(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
const MONTH = "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";
const TIME = "(\\d{2}):(\\d{2}):(\\d{2})";
const IMF_FIXDATE = new RegExp(`^${DAY}, (\\d{2}) ${MONTH} (\\d{4}) ${TIME} GMT$`);
const RFC850 = new RegExp(`^${LONG_DAY}, (\\d{2})-${MONTH}-(\\d{2}) ${TIME} GMT$`);
const ASCTIME = new RegExp(`^${DAY} ${MONTH} ( \\d|\\d{2}) ${TIME} (\\d{4})$`);
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** An HTTP-date (RFC 9110 §5.6.7) in ms since the epoch, or undefined for anything else. */
export function parseHttpDate(value: string, now = Date.now()): number | undefined {
  let y: number, mo: string, d: number, h: number, mi: number, s: number;
  let m: RegExpExecArray | null;
  if ((m = IMF_FIXDATE.exec(value))) [d, mo, y, h, mi, s] = [+m[2]!, m[3]!, +m[4]!, +m[5]!, +m[6]!, +m[7]!];
  else if ((m = RFC850.exec(value))) {
    [d, mo, y, h, mi, s] = [+m[2]!, m[3]!, +m[4]!, +m[5]!, +m[6]!, +m[7]!];
    // Two-digit years: the one that is not more than 50 years in the future (RFC 9110 §5.6.7).
    const century = Math.floor(new Date(now).getUTCFullYear() / 100) * 100;
    y += century;
    if (y > new Date(now).getUTCFullYear() + 50) y -= 100;
  } else if ((m = ASCTIME.exec(value))) [mo, d, h, mi, s, y] = [m[2]!, +m[3]!.trim(), +m[4]!, +m[5]!, +m[6]!, +m[7]!];
  else return undefined;
  const month = MONTHS.indexOf(mo);
  if (d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return undefined;
  const t = Date.UTC(y, month, d, h, mi, Math.min(s, 59));
  return new Date(t).getUTCDate() === d ? t : undefined;
}

/** Exponential backoff with jitter: 0.5 s, 1 s, 2 s … capped at 8 s, each cut by up to 25 %. */
export function backoffMs(retry: number, random = Math.random): number {
  const base = Math.min(500 * 2 ** retry, 8_000);
  return base * (1 - random() * 0.25);
}

/** Resolves after `ms`, or rejects with the signal's reason the moment it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "UND_ERR_CONNECT_TIMEOUT"]);

/** True when a network error proves the request never reached the server. */
export function provablyNotSent(err: unknown): boolean {
  for (let e: any = err, depth = 0; e && depth < 5; e = e.cause, depth++) {
    if (typeof e.code === "string" && NOT_SENT_CODES.has(e.code)) return true;
  }
  return false;
}

export function errorCode(err: unknown): string | undefined {
  for (let e: any = err, depth = 0; e && depth < 5; e = e.cause, depth++) {
    if (typeof e.code === "string") return e.code;
  }
  return undefined;
}
