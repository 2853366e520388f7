import { describe, expect, it } from 'vitest';
import type { LabEvent } from '../../contract';
import { createEventHistory, type EventHistory } from '../../main/engine/event-history';
import { readHistory } from '../history';
import { pause, TIMEOUT, waitFor } from '../timeouts';

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
/** Until every sealed chunk's deflated copy is in: the history then costs less than its raw text. */
const deflated = (history: EventHistory, rawBytes: number) =>
  waitFor(() => history.bytes < rawBytes, 'the deflated copies to be in', TIMEOUT.io);
/** Long enough for a deflate that was (wrongly) started to be in: the point of a test that none is. */
const settle = () => pause(50, 'a deflate, had one been started, would be in by now');
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
    expect(addBatch(history, 1)).toEqual(seqsOf(history));
  });

  it('counts a deflated chunk at its deflated size, so more fit, and reads it back as it was', async () => {
    const history = createEventHistory({ deflate: true, maxBytes: 150_000 });
    const all: number[] = [];
    for (let i = 0; i < 3; i++) {
      all.push(...addBatch(history, 1, BIG));
      await deflated(history, history.bytes);
    }
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

  it('counts the commas that join small batches into a chunk against its byte budget', () => {
    const batches = Array.from({ length: 70 }, (_, i) => {
      const event = { kind: 'conn:extra', connId: 1, data: 'y'.repeat(1_000), size: i, seq: i + 1, t: 0 };
      return JSON.stringify([event]);
    });
    let chars = 0;
    const sealing = batches.findIndex((json) => {
      chars += json.length;
      return chars >= 64 * 1024;
    });
    const held = chars + sealing; // the batches of the chunk, and a comma between each two
    for (const [maxBytes, kept] of [
      [held, sealing + 1],
      [held - 1, 0],
    ]) {
      const history = createEventHistory({ maxBytes });
      for (const json of batches.slice(0, sealing + 1)) history.add(json, 1);
      expect(history.size).toBe(kept);
    }
  });

  it('counts only the events left of a partly trimmed chunk when the budget drops it', () => {
    const history = createEventHistory({ maxBytes: 150_000 });
    addBatch(history, 2, 'x'.repeat(40_000));
    history.trimTo(1);
    const kept = addBatch(history, 2, 'z'.repeat(40_000));
    expect(history.size).toBe(2);
    expect(seqsOf(history)).toEqual(kept);
  });

  it('keeps counting raw size when it does not deflate, however long it waits', async () => {
    const history = createEventHistory({ maxBytes: 150_000 });
    addBatch(history, 1, BIG);
    await settle();
    addBatch(history, 1, BIG);
    await settle();
    const kept = addBatch(history, 1, BIG);
    expect(seqsOf(history)).toEqual([(kept[0] as number) - 1, ...kept]);
  });

  it('counts nothing for a chunk that was dropped while being deflated', async () => {
    const chunkChars = JSON.stringify([
      { kind: 'conn:extra', connId: 1, data: BIG, size: 70_000, seq: 1, t: 1 },
    ]).length;
    for (const [maxBytes, kept] of [
      [2 * chunkChars, 2],
      [2 * chunkChars - 1, 1],
    ]) {
      const history = createEventHistory({ deflate: true, maxBytes });
      seq = 0;
      addBatch(history, 1, BIG);
      history.trimTo(0);
      await settle();
      addBatch(history, 1, BIG);
      addBatch(history, 1, BIG);
      expect(history.size).toBe(kept);
    }
  });
});
