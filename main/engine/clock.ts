/** Microseconds since the lab started, from a monotonic source. */
export interface Clock {
  now(): number;
}

export function createClock(): Clock {
  const start = process.hrtime.bigint();
  return { now: () => Number((process.hrtime.bigint() - start) / 1000n) };
}
