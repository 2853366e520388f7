import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  frameAfter,
  LIVE_FRAME_GAP_MS,
  nextAnimationFrame,
  nextLiveFrame,
} from '../../renderer/src/lib/animation-frame';

/** A page with the given visibility whose animation frames the test runs by hand. */
function page(visibilityState: DocumentVisibilityState) {
  const frames = new Map<number, FrameRequestCallback>();
  let next = 1;
  vi.stubGlobal('document', { visibilityState });
  vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => {
    frames.set(next, callback);
    return next++;
  });
  vi.stubGlobal('cancelAnimationFrame', (id: number) => frames.delete(id));
  return {
    frame: () => {
      for (const [id, callback] of [...frames]) {
        frames.delete(id);
        callback(0);
      }
    },
    /** Whether the page has asked the browser for a frame. */
    asked: () => frames.size > 0,
  };
}

describe('when the store applies what arrived', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('at the next animation frame, once', () => {
    vi.useFakeTimers();
    const { frame } = page('visible');
    const callback = vi.fn();
    nextAnimationFrame(callback);
    expect(callback).not.toHaveBeenCalled();
    frame();
    vi.advanceTimersByTime(1_000);
    expect(callback).toHaveBeenCalledTimes(1);
  });

  it('by a timer when no frame comes, once', () => {
    vi.useFakeTimers();
    const { frame } = page('visible');
    const callback = vi.fn();
    nextAnimationFrame(callback);
    vi.advanceTimersByTime(1_000);
    frame();
    expect(callback).toHaveBeenCalledTimes(1);
  });

  it('runs what a callback asks for while the frame runs in that same frame', () => {
    vi.useFakeTimers();
    const { frame } = page('visible');
    const order: string[] = [];
    nextAnimationFrame(() => {
      order.push('store applies a batch');
      nextAnimationFrame(() => order.push('timeline draws it'));
    });
    frame();
    expect(order).toEqual(['store applies a batch', 'timeline draws it']);
    frame();
    vi.advanceTimersByTime(1_000);
    expect(order).toHaveLength(2);
  });

  it('straight after the batch while the page is hidden', async () => {
    page('hidden');
    const callback = vi.fn();
    nextAnimationFrame(callback);
    await Promise.resolve();
    expect(callback).toHaveBeenCalledTimes(1);
  });
});

describe('what the lab changes waits for a live frame', () => {
  afterEach(() => {
    vi.advanceTimersByTime(1_000); // a frame still asked for runs by its timer: the next test starts clean
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  /** A page that has just drawn a frame, at the fake clock's now. */
  function justDrawn() {
    vi.useFakeTimers();
    const visible = page('visible');
    nextAnimationFrame(() => {});
    visible.frame();
    return visible;
  }

  it('asks for a frame only once the gap after the last one has passed: at most 30 a second', () => {
    const { frame, asked } = justDrawn();
    const callback = vi.fn();
    nextLiveFrame(callback);
    nextLiveFrame(callback);
    vi.advanceTimersByTime(LIVE_FRAME_GAP_MS - 1);
    expect(asked()).toBe(false);
    vi.advanceTimersByTime(1);
    expect(asked()).toBe(true);
    frame();
    expect(callback).toHaveBeenCalledTimes(2);
  });

  it('joins a frame asked for input meanwhile, and asks for none of its own after it', () => {
    const { frame, asked } = justDrawn();
    const order: string[] = [];
    nextLiveFrame(() => order.push('new events'));
    vi.advanceTimersByTime(5);
    nextAnimationFrame(() => order.push('a zoom'));
    expect(asked()).toBe(true);
    frame();
    expect(order).toEqual(['new events', 'a zoom']);
    vi.advanceTimersByTime(LIVE_FRAME_GAP_MS);
    expect(asked()).toBe(false);
  });

  it('asks at once when the page has drawn nothing for longer than the gap', () => {
    const { asked } = justDrawn();
    vi.advanceTimersByTime(LIVE_FRAME_GAP_MS);
    nextLiveFrame(() => {});
    expect(asked()).toBe(true);
  });

  it("runs a timer's work in the frame after it, or not at all once cancelled", () => {
    const { frame } = justDrawn();
    const kept = vi.fn();
    const cancelled = vi.fn();
    frameAfter(100, kept);
    const cancel = frameAfter(100, cancelled);
    vi.advanceTimersByTime(100);
    cancel(); // the timer has fired: its frame is asked for, and the work must still not run
    expect(kept).not.toHaveBeenCalled();
    frame();
    expect(kept).toHaveBeenCalledTimes(1);
    expect(cancelled).not.toHaveBeenCalled();
  });
});
