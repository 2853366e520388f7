import { BATCH_FIELDS } from './page-probe';

export interface Delivery {
  /** Events seen, and how many of the expected seq range were not. */
  seen: number;
  lost: number;
  /** Per frame: ms from the oldest event's lab time to the moment the reader had it. */
  lagMs: number[];
  lastSeq: number;
  /** Lab time (µs) of the first event seen, and wall ms when the last frame was read. */
  firstT: number;
  lastWallMs: number;
}

/** What a reader's frame records (BATCH_FIELDS numbers each) show of [fromSeq, toSeq]. */
export function deliveryOf(batches: number[], fromSeq: number, toSeq: number, startedAtMs: number): Delivery {
  const ranges: [number, number][] = [];
  const lagMs: number[] = [];
  let lastSeq = 0;
  let missingInside = 0;
  let firstT = Number.POSITIVE_INFINITY;
  let lastWallMs = 0;
  for (let i = 0; i + BATCH_FIELDS <= batches.length; i += BATCH_FIELDS) {
    const [wallMs, firstSeq, endSeq, count, t] = batches.slice(i, i + BATCH_FIELDS) as number[];
    if (endSeq! < fromSeq || firstSeq! > toSeq) continue;
    lastSeq = Math.max(lastSeq, endSeq!);
    ranges.push([Math.max(firstSeq!, fromSeq), Math.min(endSeq!, toSeq)]);
    // A frame is one contiguous run of seq (log batches); a count short of its span is a gap inside it.
    missingInside += endSeq! - firstSeq! + 1 - count!;
    lagMs.push(wallMs! - (startedAtMs + t! / 1_000));
    firstT = Math.min(firstT, t!);
    lastWallMs = Math.max(lastWallMs, wallMs!);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  let covered = 0;
  let reach = fromSeq - 1;
  for (const [start, end] of ranges) {
    if (end <= reach) continue;
    covered += end - Math.max(start, reach + 1) + 1;
    reach = end;
  }
  const seen = covered - missingInside;
  return { seen, lost: toSeq - fromSeq + 1 - seen, lagMs, lastSeq, firstT, lastWallMs };
}

const SEQ = '"seq":';
const T = '"t":';
const numberAt = (text: string, at: number) => Number.parseInt(text.slice(at, at + 24), 10);

/**
 * The frame record of one events message, as the page probe makes it (page-probe.ts must repeat this code:
 * it is serialised into the page and cannot import).
 */
export function frameRecord(data: string, wallMs: number): number[] | null {
  if (!data.startsWith('{"type":"events"')) return null;
  const first = data.indexOf(SEQ);
  const last = data.lastIndexOf(SEQ);
  if (first < 0) return null;
  let count = 0;
  for (let at = first; at >= 0; at = data.indexOf(SEQ, at + SEQ.length)) count += 1;
  return [
    wallMs,
    numberAt(data, first + SEQ.length),
    numberAt(data, last + SEQ.length),
    count,
    numberAt(data, data.indexOf(T, first) + T.length),
    numberAt(data, data.indexOf(T, last) + T.length),
  ];
}
