// waitUntilReady: poll retrieve with a growing pause until the file's state says ready or
// failed. One deadline for the whole wait and the caller's signal both cut a pause or a
// request short at once.
import { FileProcessingError, MAX_TIMER_MS, TimeoutError, ValidationError, checkSignal, checkTimeout, describe, sleep, type CallOptions } from "@llm-files/core";
import type { FileInfo, ProviderName, WaitOptions } from "./types.js";

export const WAIT_DEFAULTS = { timeoutMs: 600_000, intervalMs: 1_000, maxIntervalMs: 10_000, growth: 1.5 } as const;

function checkInterval(provider: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0 || value > MAX_TIMER_MS) {
    throw new ValidationError(provider, "intervalMs", `expected a positive number of milliseconds between polls (at most ${MAX_TIMER_MS}), got ${describe(value)}`);
  }
  return value;
}

export async function waitUntilReady<P extends ProviderName>(
  provider: P,
  retrieve: (id: string, options?: CallOptions) => Promise<FileInfo<P>>,
  id: string,
  options: WaitOptions = {},
): Promise<FileInfo<P>> {
  if (options === null || typeof options !== "object") throw new ValidationError(provider, "options", `expected { timeoutMs?, intervalMs?, signal? }, got ${describe(options)}`);
  const timeoutMs = checkTimeout(provider, options.timeoutMs, "timeoutMs") ?? WAIT_DEFAULTS.timeoutMs;
  const first = checkInterval(provider, options.intervalMs) ?? WAIT_DEFAULTS.intervalMs;
  const signal = checkSignal(provider, options.signal);
  if (signal?.aborted) throw signal.reason;

  const stop = new AbortController();
  const timedOut = new Error("wait deadline");
  const timer = setTimeout(() => stop.abort(timedOut), timeoutMs);
  const onAbort = () => stop.abort(signal!.reason);
  signal?.addEventListener("abort", onAbort, { once: true });
  let last: FileInfo<P> | undefined;
  let polls = 0;
  try {
    for (let pauseMs = first; ; pauseMs = Math.min(Math.max(first, WAIT_DEFAULTS.maxIntervalMs), pauseMs * WAIT_DEFAULTS.growth)) {
      const file = await retrieve(id, { signal: stop.signal });
      polls++;
      last = file;
      if (file.state === "ready") return file;
      if (file.state === "failed") throw new FileProcessingError({ provider, fileId: file.id, fileStatus: file.status, detail: file.statusDetails, retryable: false });
      // The provider reports no status at all: the file exists, and there is nothing to wait for.
      if (file.status === undefined) return file;
      // "processing", or a status llm-files does not know: ask again later (the deadline ends it).
      await sleep(pauseMs, stop.signal);
    }
  } catch (err) {
    if (stop.signal.aborted && stop.signal.reason === timedOut) {
      const status = last?.status === undefined ? "no answer yet" : `last status ${JSON.stringify(last.status)}${last.state === undefined ? " (not a status llm-files knows; see raw)" : ""}`;
      throw new TimeoutError({ provider, message: `${provider}: file ${id} was not ready after ${timeoutMs} ms and ${polls} poll${polls === 1 ? "" : "s"} (${status}): raise timeoutMs to wait longer`, retryable: true });
    }
    if (stop.signal.aborted) throw stop.signal.reason;
    throw err;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  }
}
