import { describe, expect, it } from 'vitest';
import type { LabEvent } from '../../contract';
import { createEventHistory, type EventHistory } from '../../main/engine/event-history';
import { readHistory } from '../history';

let seq = 0;
/** Adds a batch of `count` events, each carrying `text`, as the event log would; returns their seqs. */
function addBatch(history: EventHistory, count: number, text = ''): number[] {
  const batch = Array.from({ length: count }, () => {
    seq += 1;
    return { kind: 'conn:extra', connId: 1, data: text, size: text.length, seq, t: seq } as LabEvent;
  });
  history.add(JSON.stringify(batch), count);
  return batch.map((event) => event.seq);
}

const seqsOf = (history: EventHistory) => readHistory(history.pieces()).map((event) => event.seq);
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));
/** One event of about 70,000 characters: more than a chunk holds, so it is sealed by itself. */
const BIG = 'x'.repeat(70_000);

describe('event history', () => {
  it('keeps batches in order and ignores an empty one', () => {
    const history = createEventHistory();
    const first = addBatch(history, 3);
    history.add('[]', 0);
    const second = addBatch(history, 2);
    expect(history.size).toBe(5);
    expect(seqsOf(history)).toEqual([...first, ...second]);
  });

  it('trims the oldest events, part of a batch if need be, and never below nothing', () => {
    const history = createEventHistory();
    const first = addBatch(history, 3);
    const second = addBatch(history, 3);
    history.trimTo(4);
    expect(seqsOf(history)).toEqual([...first.slice(2), ...second]);
    history.trimTo(2);
    expect(seqsOf(history)).toEqual(second.slice(1));
    history.trimTo(-5);
    expect([history.size, seqsOf(history)]).toEqual([0, []]);
  });

  it('gives one piece per sealed chunk, then the batches not yet sealed', () => {
    const history = createEventHistory();
    const sealed = addBatch(history, 1, BIG);
    const small = [...addBatch(history, 2), ...addBatch(history, 1)];
    const pieces = history.pieces();
    expect(pieces.size).toBe(4);
    expect(pieces.next()?.map((event) => event.seq)).toEqual(sealed);
    expect(pieces.next()?.map((event) => event.seq)).toEqual(small);
    expect(pieces.next()).toBeNull();
  });

  it('skips a piece whose events were all trimmed away', () => {
    const history = createEventHistory();
    addBatch(history, 2, BIG);
    const kept = addBatch(history, 2);
    history.trimTo(2);
    const pieces = history.pieces();
    expect(pieces.next()?.map((event) => event.seq)).toEqual(kept);
  });

  it('keeps a snapshot as it was, while the history goes on, is trimmed and cleared', () => {
    const history = createEventHistory();
    const before = [...addBatch(history, 1, BIG), ...addBatch(history, 2)];
    const pieces = history.pieces();
    addBatch(history, 2);
    history.trimTo(1);
    history.clear();
    expect(history.size).toBe(0);
    expect(readHistory(pieces).map((event) => event.seq)).toEqual(before);
  });

  it('drops whole oldest chunks past its byte budget, and a new one that alone is over it', () => {
    const history = createEventHistory({ maxBytes: 150_000 });
    addBatch(history, 1, BIG);
    const kept = [...addBatch(history, 1, BIG), ...addBatch(history, 1, BIG)];
    expect(seqsOf(history)).toEqual(kept);
    const tiny = createEventHistory({ maxBytes: 1_000 });
    addBatch(tiny, 1, BIG);
    expect([tiny.size, seqsOf(tiny)]).toEqual([0, []]);
    expect(addBatch(tiny, 1)).toEqual(seqsOf(tiny));
  });

  it('drops batches not yet sealed when the budget is met with no sealed chunk', () => {
    const history = createEventHistory({ maxBytes: 1_000 });
    const kept = [...addBatch(history, 1, 'a'.repeat(400)), ...addBatch(history, 1, 'b'.repeat(400))];
    expect(seqsOf(history)).toEqual(kept);
    addBatch(history, 1, 'c'.repeat(400));
    expect([history.size, seqsOf(history)]).toEqual([0, []]);
  });

  it('counts a deflated chunk at its deflated size, so more fit, and reads it back as it was', async () => {
    const history = createEventHistory({ deflate: true, maxBytes: 150_000 });
    const all = addBatch(history, 1, BIG);
    await settle();
    all.push(...addBatch(history, 1, BIG));
    await settle();
    all.push(...addBatch(history, 1, BIG));
    await settle();
    expect(history.size).toBe(3);
    const events = readHistory(history.pieces());
    expect(events.map((event) => event.seq)).toEqual(all);
    expect(events.every((event) => event.kind === 'conn:extra' && event.data === BIG)).toBe(true);
  });

  it('lets a chunk dropped while it was being deflated stay dropped', async () => {
    const history = createEventHistory({ deflate: true, maxBytes: 150_000 });
    addBatch(history, 1, BIG);
    history.trimTo(0);
    await settle();
    const kept = [...addBatch(history, 1, BIG), ...addBatch(history, 1, BIG)];
    await settle();
    expect(seqsOf(history)).toEqual(kept);
  });
});
