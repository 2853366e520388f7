/** A step of 1, 2 or 5 × 10^n µs that puts at least `minPx` between ticks. */
export function tickStep(spanUs: number, widthPx: number, minPx = 96): number {
  const raw = (spanUs / Math.max(widthPx, 1)) * minPx;
  const power = 10 ** Math.floor(Math.log10(Math.max(raw, 1e-3)));
  for (const factor of [1, 2, 5, 10]) {
    if (power * factor >= raw) return power * factor;
  }
  return power * 10;
}

/** Lab times of the ticks inside [start, end]. */
export function ticks(start: number, end: number, step: number): number[] {
  const out: number[] = [];
  const first = Math.ceil(start / step) * step;
  for (let t = first; t <= end && out.length < 1_000; t += step) out.push(t);
  return out;
}

/** A tick label in seconds since the lab started, with as many decimals as the step needs. */
export function formatTick(t: number, step: number): string {
  const decimals = Math.min(6, Math.max(0, Math.ceil(-Math.log10(step / 1_000_000))));
  const seconds = t / 1_000_000;
  return `${seconds.toFixed(decimals)} s`;
}

/** A tick label in ms since an origin (a run's first spawn), with as many decimals as the step needs. */
export function formatTickMs(t: number, step: number): string {
  const decimals = Math.min(3, Math.max(0, Math.ceil(-Math.log10(step / 1_000))));
  return `${(t / 1_000).toFixed(decimals)} ms`;
}

/** A time since an origin (a run's first spawn) in ms, to the µs: `+12.345 ms`. */
export function formatSinceMs(us: number): string {
  return `${us < 0 ? '−' : '+'}${(Math.abs(us) / 1_000).toFixed(3)} ms`;
}

/** Exact lab time in µs with thousands separators: `5,123,456 µs`. */
export function formatMicros(t: number): string {
  return `${Math.round(t).toLocaleString('en-US')} µs`;
}

/** A duration in the unit that reads best: `850 µs`, `12.4 ms`, `3.20 s`. */
export function formatDuration(us: number): string {
  if (us < 1_000) return `${Math.round(us)} µs`;
  if (us < 1_000_000) return `${(us / 1_000).toFixed(us < 10_000 ? 2 : 1)} ms`;
  return `${(us / 1_000_000).toFixed(2)} s`;
}
