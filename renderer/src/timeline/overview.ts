import type { TimelineData } from './timeline-data';
import type { TimeWindow } from './view';

/** The whole session in `buckets` columns: how many connections opened, signals and alarms in each. */
export interface Density {
  start: number;
  end: number;
  connections: Uint32Array;
  signals: Uint32Array;
  alarms: Uint32Array;
}

function bump(counts: Uint32Array, bucket: number): void {
  counts[bucket] = (counts[bucket] ?? 0) + 1;
}

const SIGNAL_KINDS = new Set(['signal:received', 'target:signal']);
const ALARM_KINDS = new Set(['alarm:armed', 'alarm:cancelled']);

/**
 * One pass over the retained events' kinds (typed columns, no decoding): a million events take a few
 * milliseconds, so the strip recounts at most a few times a second.
 */
export function densityOf(data: TimelineData, buckets: number): Density | null {
  const extent = data.extent();
  const count = Math.max(1, Math.floor(buckets));
  if (!extent) return null;
  const { columns } = data;
  const start = extent.start;
  const end = Math.max(extent.end, start + 1);
  const perUs = count / (end - start);
  const bucketOf = (t: number) => Math.min(count - 1, Math.max(0, Math.floor((t - start) * perUs)));
  const density: Density = {
    start,
    end,
    connections: new Uint32Array(count),
    signals: new Uint32Array(count),
    alarms: new Uint32Array(count),
  };
  const open = columns.kindCode('conn:open');
  for (let i = columns.first; i < columns.end; i++) {
    if (columns.kindCodeAt(i) === open) bump(density.connections, bucketOf(columns.tAt(i)));
  }
  for (let i = 0; i < data.global.length; i++) {
    const index = data.global.at(i);
    if (!columns.has(index)) continue;
    const kind = columns.kindAt(index);
    const bucket = bucketOf(columns.tAt(index));
    if (SIGNAL_KINDS.has(kind)) bump(density.signals, bucket);
    else if (ALARM_KINDS.has(kind)) bump(density.alarms, bucket);
  }
  return density;
}

/** Lab time at x on a strip `width` wide showing the session from `start` to `end`. */
export function timeAtX(density: { start: number; end: number }, width: number, x: number): number {
  return density.start + (x / Math.max(width, 1)) * (density.end - density.start);
}

/** Where a window lies on the strip, in px, clipped to it. */
export function brushOf(density: { start: number; end: number }, width: number, window: TimeWindow) {
  const k = width / (density.end - density.start);
  const x0 = Math.max(0, (window.start - density.start) * k);
  const x1 = Math.min(width, (window.end - density.start) * k);
  return { x0, x1: Math.max(x1, x0 + 2) };
}
