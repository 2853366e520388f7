import { describe, expect, it } from 'vitest';
import type { LabEvent } from '../../contract/events';
import { FrameQueue } from '../../renderer/src/app/frame-queue';
import { stamp } from './fake-lab';

/** A queue whose frames the test passes by hand, recording what it applies and how many frames it asked for. */
function queue() {
  const frames: (() => void)[] = [];
  const applied: (readonly LabEvent[])[] = [];
  const frameQueue = new FrameQueue(
    (callback) => frames.push(callback),
    (events) => applied.push(events),
  );
  return {
    queue: frameQueue,
    applied,
    asked: () => frames.length,
    frame: () => {
      for (const callback of frames.splice(0)) callback();
    },
  };
}

const run = (runId: number) => stamp({ kind: 'run:start', runId, mode: 'process', count: 1 });

describe('frame queue: held until the reply, then once a frame', () => {
  it('asks for no frame while it holds batches for the reply, and applies them when it opens', () => {
    const { queue: q, applied, asked } = queue();
    const first = run(1);
    const second = run(2);
    q.push(first);
    q.push(second);
    expect(asked()).toBe(0);
    expect(applied).toEqual([]);
    q.open();
    expect(applied).toEqual([[...first, ...second]]);
  });

  it('asks for one frame however many batches arrive before it, and applies them together', () => {
    const { queue: q, applied, asked, frame } = queue();
    q.open();
    const batches = [run(1), run(2), run(3)];
    for (const batch of batches) q.push(batch);
    expect(asked()).toBe(1);
    expect(applied).toEqual([]);
    frame();
    expect(applied).toEqual([batches.flat()]);
    q.push(run(4));
    expect(asked()).toBe(1);
  });

  it('passes a lone batch on as it is, without a copy', () => {
    const { queue: q, applied, frame } = queue();
    q.open();
    const batch = run(1);
    q.push(batch);
    frame();
    expect(applied[0]).toBe(batch);
  });

  it('ignores an empty batch: no frame, nothing applied', () => {
    const { queue: q, applied, asked, frame } = queue();
    q.open();
    q.push([]);
    expect(asked()).toBe(0);
    frame();
    expect(applied).toEqual([]);
  });

  it('applies nothing on opening when nothing waited', () => {
    const { queue: q, applied } = queue();
    q.open(10);
    expect(applied).toEqual([]);
  });

  it('lets go of held events at or below the subscription seq, and applies nothing if none is left', () => {
    const { queue: q, applied } = queue();
    const old = run(1);
    q.push(old);
    q.open(old[0]?.seq);
    expect(applied).toEqual([]);
  });

  it('keeps the held events above the subscription seq, in order', () => {
    const { queue: q, applied } = queue();
    const [a, b, c] = stamp(
      { kind: 'run:start', runId: 1, mode: 'process', count: 1 },
      { kind: 'run:start', runId: 2, mode: 'process', count: 1 },
      { kind: 'run:start', runId: 3, mode: 'process', count: 1 },
    ) as [LabEvent, LabEvent, LabEvent];
    q.push([a, b]);
    q.push([c]);
    q.open(a.seq);
    expect(applied).toEqual([[b, c]]);
  });

  it('opens once: a second open neither applies early nor drops what waits for the frame', () => {
    const { queue: q, applied, frame } = queue();
    q.open();
    const batch = run(1);
    q.push(batch);
    q.open(batch[0]?.seq);
    expect(applied).toEqual([]);
    frame();
    expect(applied).toEqual([batch]);
  });

  it('applies nothing once stopped, whether a frame was pending or it is opened again', () => {
    const { queue: q, applied, frame } = queue();
    q.open();
    q.push(run(1));
    q.stop();
    frame();
    q.push(run(2));
    q.open();
    q.push(run(3));
    frame();
    expect(applied).toEqual([]);
  });

  it('applies a few events in a live frame, and a flood in the next frame, hurrying the live one asked', () => {
    const live: (() => void)[] = [];
    const flood: (() => void)[] = [];
    const applied: (readonly LabEvent[])[] = [];
    const q = new FrameQueue(
      (callback) => live.push(callback),
      (events) => applied.push(events),
      (callback) => flood.push(callback),
    );
    q.open();
    const few = run(1);
    q.push(few);
    expect([live.length, flood.length]).toEqual([1, 0]);
    const many = stamp(
      ...Array.from(
        { length: 256 },
        () => ({ kind: 'run:start', runId: 2, mode: 'process', count: 1 }) as const,
      ),
    );
    q.push(many);
    expect([live.length, flood.length]).toEqual([1, 1]);
    for (const callback of flood.splice(0)) callback();
    expect(applied).toEqual([[...few, ...many]]);
    for (const callback of live.splice(0)) callback(); // the live frame comes later, with nothing left to do
    expect(applied).toHaveLength(1);
    q.push(run(3)); // and the next few wait for a live frame again
    expect([live.length, flood.length]).toEqual([1, 0]);
  });
});
