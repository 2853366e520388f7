import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { frameAsk, LIVE_FRAME_GAP_MS } from '../../renderer/src/lib/animation-frame';

type AnimationFrames = typeof import('../../renderer/src/lib/animation-frame');
/** The module afresh for each test: it remembers when live work last ran, and a test must not see another's. */
let frames: AnimationFrames;
beforeEach(async () => {
  vi.resetModules();
  frames = await import('../../renderer/src/lib/animation-frame');
});

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
    /** Runs the frames asked for; `start`: the frame's start, which the browser gives its callbacks. */
    frame: (start = performance.now()) => {
      for (const [id, callback] of [...frames]) {
        frames.delete(id);
        callback(start);
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
    frames.nextAnimationFrame(callback);
    expect(callback).not.toHaveBeenCalled();
    frame();
    vi.advanceTimersByTime(1_000);
    expect(callback).toHaveBeenCalledTimes(1);
  });

  it('by a timer when no frame comes, once', () => {
    vi.useFakeTimers();
    const { frame } = page('visible');
    const callback = vi.fn();
    frames.nextAnimationFrame(callback);
    vi.advanceTimersByTime(1_000);
    frame();
    expect(callback).toHaveBeenCalledTimes(1);
  });

  it('runs what a callback asks for while the frame runs in that same frame', () => {
    vi.useFakeTimers();
    const { frame } = page('visible');
    const order: string[] = [];
    frames.nextAnimationFrame(() => {
      order.push('store applies a batch');
      frames.nextAnimationFrame(() => order.push('timeline draws it'));
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
    frames.nextAnimationFrame(callback);
    await Promise.resolve();
    expect(callback).toHaveBeenCalledTimes(1);
  });
});

describe('what the lab changes waits for a live frame', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  /** A page whose last live work ran just now, on the fake clock. */
  function justRanLive() {
    vi.useFakeTimers();
    const visible = page('visible');
    vi.advanceTimersByTime(60_000);
    frames.nextLiveFrame(() => {});
    visible.frame();
    return visible;
  }

  it('asks for a frame only once the gap after the last live work has passed: at most 30 a second', () => {
    const { frame, asked } = justRanLive();
    const callback = vi.fn();
    frames.nextLiveFrame(callback);
    frames.nextLiveFrame(callback);
    vi.advanceTimersByTime(LIVE_FRAME_GAP_MS - 1);
    expect(asked()).toBe(false);
    vi.advanceTimersByTime(1);
    expect(asked()).toBe(true);
    frame();
    expect(callback).toHaveBeenCalledTimes(2);
  });

  it('waits past a frame asked for input within the gap, and joins one asked after it', () => {
    const { frame, asked } = justRanLive();
    const order: string[] = [];
    frames.nextLiveFrame(() => order.push('new events'));
    vi.advanceTimersByTime(5);
    frames.nextAnimationFrame(() => order.push('a zoom'));
    frame();
    expect(order).toEqual(['a zoom']);
    expect(asked()).toBe(false);
    vi.advanceTimersByTime(LIVE_FRAME_GAP_MS - 5);
    frame();
    expect(order).toEqual(['a zoom', 'new events']);
    vi.advanceTimersByTime(LIVE_FRAME_GAP_MS);
    frames.nextAnimationFrame(() => order.push('a pan'));
    frames.nextLiveFrame(() => order.push('more events')); // a frame is coming: it asks for none of its own
    frame();
    expect(order.slice(2)).toEqual(['a pan', 'more events']);
    vi.advanceTimersByTime(LIVE_FRAME_GAP_MS);
    expect(asked()).toBe(false);
  });

  it('runs live work asked while a frame runs in that frame when it is due, else once the gap has passed', () => {
    const { frame } = justRanLive();
    const draws: string[] = [];
    vi.advanceTimersByTime(16);
    frames.nextAnimationFrame(() => frames.nextLiveFrame(() => draws.push('first')));
    frame(); // a flood's frame 16 ms after the last draw: the timeline does not draw in it
    expect(draws).toEqual([]);
    vi.advanceTimersByTime(LIVE_FRAME_GAP_MS - 16);
    frame();
    expect(draws).toEqual(['first']);
    vi.advanceTimersByTime(LIVE_FRAME_GAP_MS);
    frames.nextAnimationFrame(() => frames.nextLiveFrame(() => draws.push('second')));
    frame();
    expect(draws).toEqual(['first', 'second']);
  });

  it('draws after the frame applied what came, once, even a draw put off from a frame before', () => {
    const { frame } = justRanLive();
    const order: string[] = [];
    const draws = frames.frameAsk(() => order.push('draw'), {
      live: frames.drawInLiveFrame,
      soon: frames.drawInNextFrame,
    });
    const apply = (batch: string) =>
      frames.nextAnimationFrame(() => {
        order.push(batch);
        draws.ask(false); // the timeline hears of new data
      });
    vi.advanceTimersByTime(16);
    apply('flood batch 1');
    frame(); // 16 ms after the last draw: the draw waits
    vi.advanceTimersByTime(LIVE_FRAME_GAP_MS - 16);
    apply('flood batch 2');
    frame();
    expect(order).toEqual(['flood batch 1', 'flood batch 2', 'draw']);
  });

  it("reads the gap from the frame's start, so a frame whose callbacks ran late does not put the next off", () => {
    const { frame } = justRanLive();
    const start = performance.now();
    frames.nextLiveFrame(() => {});
    vi.advanceTimersByTime(LIVE_FRAME_GAP_MS);
    vi.advanceTimersByTime(10); // the frame's callbacks run 10 ms after it started
    frame(start + LIVE_FRAME_GAP_MS);
    const events = vi.fn();
    frames.nextLiveFrame(events);
    vi.advanceTimersByTime(LIVE_FRAME_GAP_MS - 10);
    frame(start + 2 * LIVE_FRAME_GAP_MS); // the gap after the last frame's start, not after its callbacks
    expect(events).toHaveBeenCalledTimes(1);
  });

  it('does not count a live ask that an input frame already ran as live work', () => {
    const { frame, asked } = justRanLive();
    const draw = vi.fn();
    const draws = frames.frameAsk(draw, { live: frames.drawInLiveFrame, soon: frames.drawInNextFrame });
    vi.advanceTimersByTime(5);
    draws.ask(false); // new events, within the gap
    draws.ask(true); // then a zoom: it draws at once
    frame();
    expect(draw).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(LIVE_FRAME_GAP_MS - 5);
    frame(); // the put-off live ask comes due, with nothing left to draw
    expect(draw).toHaveBeenCalledTimes(1);
    frames.nextLiveFrame(() => {}); // the gap since the last live work has passed: a frame is asked for at once
    expect(asked()).toBe(true);
  });

  it('asks at once when no live work ran for longer than the gap', () => {
    const { asked } = justRanLive();
    vi.advanceTimersByTime(LIVE_FRAME_GAP_MS);
    frames.nextLiveFrame(() => {});
    expect(asked()).toBe(true);
  });
});

describe('one ask for a frame', () => {
  /** Frames the test runs by hand: a live kind and a soon kind. */
  function kinds() {
    const live: (() => void)[] = [];
    const soon: (() => void)[] = [];
    const run = (frames: (() => void)[]) => {
      for (const callback of frames.splice(0)) callback();
    };
    return {
      live,
      soon,
      liveFrame: (c: () => void) => void live.push(c),
      soonFrame: (c: () => void) => void soon.push(c),
      run,
    };
  }

  it('runs once in the first frame to come, however often asked, and is hurried by a soon ask', () => {
    const { live, soon, liveFrame, soonFrame, run } = kinds();
    const draw = vi.fn();
    const ask = frameAsk(draw, { live: liveFrame, soon: soonFrame });
    ask.ask(false);
    ask.ask(false);
    expect([live.length, soon.length]).toEqual([1, 0]);
    ask.ask(true);
    ask.ask(false); // already hurried: nothing more
    ask.ask(true);
    expect([live.length, soon.length]).toEqual([1, 1]);
    run(soon);
    run(live);
    expect(draw).toHaveBeenCalledTimes(1);
    ask.ask(false); // asked again after it ran: runs again
    run(live);
    expect(draw).toHaveBeenCalledTimes(2);
  });

  it('runs nothing in its frame once cancelled', () => {
    const { live, liveFrame, soonFrame, run } = kinds();
    const draw = vi.fn();
    const ask = frameAsk(draw, { live: liveFrame, soon: soonFrame });
    ask.ask(false);
    ask.cancel();
    run(live);
    expect(draw).not.toHaveBeenCalled();
  });
});
