// What a scenario may not leave behind: unhandled rejections, open sockets, open file handles.

const counted = new Set(["TCPSocketWrap", "FileHandle"]);

/** Open client/server sockets and file handles of this process, by kind. */
export function openHandles(): Record<string, number> {
  const out: Record<string, number> = { TCPSocketWrap: 0, FileHandle: 0 };
  for (const r of process.getActiveResourcesInfo()) if (counted.has(r)) out[r] = (out[r] ?? 0) + 1;
  return out;
}

/** Counts unhandled rejections from now until stop(). */
export function watchUnhandled(): { readonly count: number; readonly reasons: unknown[]; stop(): void } {
  const reasons: unknown[] = [];
  const on = (reason: unknown) => reasons.push(reason);
  process.on("unhandledRejection", on);
  return {
    get count() {
      return reasons.length;
    },
    reasons,
    stop: () => void process.off("unhandledRejection", on),
  };
}

/** Polls `check` until it is true or `ms` pass; resolves with the last result. */
export async function eventually(check: () => boolean, ms = 2000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 10));
  }
  return true;
}

/** Samples RSS every `everyMs` while `work` runs: the peak and the starting value, in MB. */
export async function sampleRss<T>(work: () => Promise<T>, everyMs = 20): Promise<{ result: T; startMb: number; peakMb: number }> {
  const mb = () => process.memoryUsage.rss() / 1024 / 1024;
  const startMb = mb();
  let peakMb = startMb;
  const timer = setInterval(() => (peakMb = Math.max(peakMb, mb())), everyMs);
  try {
    const result = await work();
    peakMb = Math.max(peakMb, mb());
    return { result, startMb, peakMb };
  } finally {
    clearInterval(timer);
  }
}

/** Heap in use after a full garbage collection, in MB (needs --expose-gc; NaN without it). */
export function retainedHeapMb(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return Number.NaN;
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

export interface HalvesFigures {
  startMb: number;
  /** Peak RSS during each half, MB. */
  peakMb: [number, number];
  /** Heap retained after GC before the run and after each half, MB. */
  heapMb: [number, number, number];
}

/**
 * Runs tasks [0, n/2) then [n/2, n), sampling RSS and measuring the heap retained after each
 * half. A leak shows as growth in the second half, once warm-up allocations are behind.
 * `beforeMeasure` drops what the test itself keeps (e.g. the servers' request records).
 */
export async function inHalves(n: number, run: (from: number, to: number) => Promise<void>, beforeMeasure: () => void = () => {}): Promise<HalvesFigures> {
  const half = Math.floor(n / 2);
  beforeMeasure();
  const heap0 = retainedHeapMb();
  const a = await sampleRss(() => run(0, half));
  beforeMeasure();
  const heap1 = retainedHeapMb();
  const b = await sampleRss(() => run(half, n));
  beforeMeasure();
  const heap2 = retainedHeapMb();
  return { startMb: a.startMb, peakMb: [a.peakMb, b.peakMb], heapMb: [heap0, heap1, heap2] };
}
