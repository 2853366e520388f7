/** Lab time (µs since the lab started) as local wall-clock time, `10:31:02.123`. */
export function formatLabTime(t: number, clockOffsetMs: number | null): string {
  if (clockOffsetMs === null) return `+${(t / 1_000_000).toFixed(3)} s`;
  const date = new Date(t / 1_000 + clockOffsetMs);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/** How a child ended, in the words a terminal would use. */
export function exitText(exit: { code: number | null; signal: string | null }): string {
  if (exit.signal !== null) return `killed by ${exit.signal}`;
  return `exited with code ${exit.code ?? '?'}`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** A span of lab time (µs) in the unit that reads best: `850 µs`, `2.35 ms`, `41.2 ms`; `—` when unknown. */
export function formatLatency(us: number | null): string {
  if (us === null) return '—';
  return us < 1_000 ? `${Math.round(us)} µs` : `${(us / 1_000).toFixed(us < 10_000 ? 2 : 1)} ms`;
}
