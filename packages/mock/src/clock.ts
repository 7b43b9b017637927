// The mock's clock: what "now" is for created_at, processing, expiry and signed URLs. It runs
// with real time from where it was set, so a test can jump ahead (advance) instead of waiting.

export interface MockClock {
  /** The mock's time now, in milliseconds since the epoch. */
  now(): number;
  /** Sets the mock's time (a Date or milliseconds since the epoch); it runs on from there. */
  set(time: Date | number): void;
  /** Moves the mock's time forward by `ms` (files expire, processing ends, signed URLs lapse). */
  advance(ms: number): void;
}

export function createClock(start?: Date | number): MockClock {
  let offset = 0;
  const clock: MockClock = {
    now: () => Date.now() + offset,
    set(time) {
      const t = typeof time === "number" ? time : time.getTime();
      if (!Number.isFinite(t)) throw new TypeError(`@llm-files/mock: clock.set takes a Date or milliseconds since the epoch, got ${String(time)}`);
      offset = t - Date.now();
    },
    advance(ms) {
      if (typeof ms !== "number" || !Number.isFinite(ms) || ms < 0) throw new TypeError(`@llm-files/mock: clock.advance takes a number of milliseconds >= 0, got ${String(ms)}`);
      offset += ms;
    },
  };
  if (start !== undefined) clock.set(start);
  return clock;
}
