/** Microseconds since the lab started, from a monotonic source. */
export interface Clock {
  now(): number;
  /** Wall-clock milliseconds (Date.now()) at lab time 0, so views can show times of day. */
  readonly startedAtMs: number;
}

export function createClock(): Clock {
  const start = process.hrtime.bigint();
  const startedAtMs = Date.now();
  return { now: () => Number((process.hrtime.bigint() - start) / 1000n), startedAtMs };
}
