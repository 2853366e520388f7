import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LabEvent, LabEventBody } from '../../contract';
import { createClock } from '../../main/engine/clock';
import { createEventLog } from '../../main/engine/event-log';
import { createOutputBudget, createOutputForwarder } from '../../main/engine/output-cap';

/** A forwarder for script 1's stdout, and the events it appended, without seq and t. */
function forwarder(limit: number, dropReportMs?: number) {
  const log = createEventLog({ clock: createClock() });
  const events: LabEventBody[] = [];
  log.tap(({ seq: _seq, t: _t, ...body }: LabEvent) => events.push(body as LabEventBody));
  const stream = createOutputForwarder({ log, scriptId: 1, stream: 'stdout', limit, dropReportMs });
  return { stream, events, close: () => log.close() };
}

const output = (text: string) => ({ kind: 'script:output', scriptId: 1, stream: 'stdout', text });
const dropped = (bytes: number, limit: number) => ({
  kind: 'script:dropped',
  scriptId: 1,
  stream: 'stdout',
  bytes,
  limit,
});
const tick = () => new Promise((resolve) => setImmediate(resolve));

afterEach(() => {
  vi.useRealTimers();
});

describe('output forwarder: a script stream as script:output events', () => {
  it('merges the chunks of one tick into one event', async () => {
    const { stream, events, close } = forwarder(100);
    stream.push(Buffer.from('one\n'));
    stream.push(Buffer.from('two\n'));
    expect(events).toEqual([]);
    await tick();
    expect(events).toEqual([output('one\ntwo\n')]);
    stream.push(Buffer.from('three\n'));
    await tick();
    expect(events).toEqual([output('one\ntwo\n'), output('three\n')]);
    close();
  });

  it('decodes a character split across chunks whole', async () => {
    const { stream, events, close } = forwarder(100);
    const euro = Buffer.from('€'); // three bytes
    stream.push(euro.subarray(0, 1));
    stream.push(euro.subarray(1));
    await tick();
    expect(events).toEqual([output('€')]);
    expect(stream.forwarded).toBe(3);
    close();
  });

  it('ignores empty chunks and anything pushed after the end, and ends once', async () => {
    const { stream, events, close } = forwarder(100);
    stream.push(Buffer.alloc(0));
    stream.push(Buffer.from('a'));
    stream.end();
    stream.push(Buffer.from('b'));
    stream.end();
    await tick();
    expect(events).toEqual([output('a')]);
    expect([stream.forwarded, stream.dropped]).toEqual([1, 0]);
    close();
  });

  it('writes a character cut off by the end of the stream as a replacement character', () => {
    const { stream, events, close } = forwarder(100);
    stream.push(Buffer.from('ok ').subarray(0, 3));
    stream.push(Buffer.from('€').subarray(0, 2));
    stream.end();
    expect(events).toEqual([output('ok \ufffd')]);
    close();
  });

  it('keeps the limit without splitting a character, then reports the dropped rest after the kept text', () => {
    const { stream, events, close } = forwarder(5);
    stream.push(Buffer.from('abcd€z')); // the euro sign would end past byte 5: all three of its bytes go
    expect([stream.forwarded, stream.dropped]).toEqual([4, 4]);
    expect(events).toEqual([output('abcd'), dropped(4, 4)]);
    close();
  });

  it('cuts exactly at the limit when it falls between characters', () => {
    const { stream, events, close } = forwarder(2);
    stream.push(Buffer.from('ab€'));
    expect(events).toEqual([output('ab'), dropped(3, 2)]);
    close();
  });

  it('drops a four-byte character whole, but backs off no more than three bytes in bytes that are not UTF-8', () => {
    const emoji = forwarder(4);
    emoji.stream.push(Buffer.from('a😀'));
    expect([emoji.stream.forwarded, emoji.stream.dropped]).toEqual([1, 4]);
    emoji.close();
    const stray = forwarder(4);
    stray.stream.push(Buffer.from([0x61, 0x80, 0x80, 0x80, 0x80, 0x80]));
    expect([stray.stream.forwarded, stray.stream.dropped]).toEqual([1, 5]);
    stray.close();
  });

  it('forwards a chunk that exactly fills the limit, and drops from the next', () => {
    const { stream, events, close } = forwarder(3);
    stream.push(Buffer.from('abc'));
    expect([stream.forwarded, stream.dropped]).toEqual([3, 0]);
    stream.push(Buffer.from('d'));
    expect(events).toEqual([output('abc'), dropped(1, 3)]);
    close();
  });

  it('reports a running total at most once per interval while dropping, and the final total at the end', () => {
    vi.useFakeTimers();
    const { stream, events, close } = forwarder(1, 1_000);
    stream.push(Buffer.from('ab'));
    stream.push(Buffer.from('cd'));
    stream.push(Buffer.from('ef'));
    expect(events).toEqual([output('a'), dropped(1, 1)]);
    vi.advanceTimersByTime(999);
    expect(events).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(events.at(-1)).toEqual(dropped(5, 1));
    stream.push(Buffer.from('gh'));
    stream.end();
    expect(events.slice(2)).toEqual([dropped(5, 1), dropped(7, 1)]);
    vi.advanceTimersByTime(5_000);
    expect(events).toHaveLength(4);
    close();
  });

  it('reports nothing at the end when the last total was already reported', () => {
    vi.useFakeTimers();
    const { stream, events, close } = forwarder(1);
    stream.push(Buffer.from('ab'));
    stream.end();
    expect(events).toEqual([output('a'), dropped(1, 1)]);
    close();
  });
});

/** Two stdout streams that share a budget of `total` bytes, each with a limit it will not meet. */
function twoStreams(total: number) {
  const log = createEventLog({ clock: createClock() });
  const budget = createOutputBudget(total);
  const stream = (scriptId: number) =>
    createOutputForwarder({ log, scriptId, stream: 'stdout', limit: 100, budget });
  return { log, budget, first: stream(1), second: stream(2) };
}

describe('the output budget', () => {
  it('grants what is left, then nothing, and never holds more than its total', () => {
    const budget = createOutputBudget(10);
    expect(budget.take(4)).toBe(4);
    expect(budget.take(8)).toBe(6);
    expect(budget.take(1)).toBe(0);
    budget.give(4);
    budget.give(100);
    expect(budget.take(20)).toBe(10);
  });

  it('gives back the part of its grant that a stream could not use without splitting a character', () => {
    const log = createEventLog({ clock: createClock() });
    const budget = createOutputBudget(4);
    const stream = createOutputForwarder({ log, scriptId: 1, stream: 'stdout', limit: 100, budget });
    stream.push(Buffer.from('ab€')); // granted 4, cuts at 2
    expect(stream.forwarded).toBe(2);
    expect(budget.take(10)).toBe(2);
    log.close();
  });

  it('keeps dropping once it has dropped, even when the shared budget is given back', () => {
    const { log, first, second } = twoStreams(4);
    first.push(Buffer.from('aaaa'));
    second.push(Buffer.from('bb'));
    first.end();
    second.push(Buffer.from('cc'));
    expect([second.forwarded, second.dropped]).toEqual([0, 4]);
    log.close();
  });

  it('gives its share back once, however often it is ended', () => {
    const { log, budget, first, second } = twoStreams(10);
    first.push(Buffer.from('aaaa'));
    second.push(Buffer.from('bbbbbb'));
    first.end();
    first.end();
    expect(budget.take(100)).toBe(4);
    log.close();
  });

  it('forwards nothing of a chunk that starts with stray continuation bytes when the room is one byte', () => {
    const log = createEventLog({ clock: createClock() });
    const stream = createOutputForwarder({ log, scriptId: 1, stream: 'stdout', limit: 1 });
    stream.push(Buffer.from([0x80, 0x80, 0x80]));
    expect([stream.forwarded, stream.dropped]).toEqual([0, 3]);
    log.close();
  });
});
