/** Median and spread of one figure over the rounds of a run. */
export interface Spread {
  median: number;
  min: number;
  max: number;
  n: number;
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export function spread(values: readonly number[]): Spread {
  if (values.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN, n: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median =
    sorted.length % 2 === 1
      ? (sorted[middle] as number)
      : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  return { median, min: sorted[0] as number, max: sorted.at(-1) as number, n: sorted.length };
}

/** `12.3 (11.9–13.0)`: the median, then min–max, with `digits` decimals. */
export function formatSpread(value: Spread, digits = 1): string {
  if (value.n === 0) return 'n/a';
  const f = (x: number) => x.toFixed(digits);
  return value.n === 1 ? f(value.median) : `${f(value.median)} (${f(value.min)}–${f(value.max)})`;
}
