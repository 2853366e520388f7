import { afterEach, describe, expect, it, vi } from 'vitest';
import { nextAnimationFrame } from '../../renderer/src/lib/animation-frame';

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
