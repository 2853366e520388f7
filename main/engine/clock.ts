/** Microseconds since the lab started, from a monotonic source. */
export interface Clock {
  now(): number;
  /** Wall-clock milliseconds (Date.now()) at lab time 0, so views can show times of day. */
  readonly startedAtMs: number;
}

export function createClock(): Clock {
  // performance.now() is monotonic with sub-microsecond resolution, and several times cheaper per read than
  // process.hrtime.bigint(), which allocates a BigInt (the log reads the clock for every event).
  const origin = performance.now();
  const startedAtMs = Date.now();
  return { now: () => Math.floor((performance.now() - origin) * 1_000), startedAtMs };
}
