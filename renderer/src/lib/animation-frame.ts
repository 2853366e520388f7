/** Calls back once, soon: in the page, at its next animation frame. */
export type NextFrame = (callback: () => void) => void;

/** A page hidden after it asked for a frame gets none: this timer runs what waited anyway. */
const NO_FRAME_MS = 100;
/**
 * After a frame, a live change waits this long before it asks for the next one itself: at 60 Hz the browser
 * then draws it at the second vsync on, so what the lab does costs at most 30 frames a second (40 where frames
 * follow no display). Each frame carries the browser's fixed cost (style, layout, paint, compositing), and a
 * run of five clients spreads its events over a dozen frames at 60.
 */
export const LIVE_FRAME_GAP_MS = 25;

const waiting: (() => void)[] = [];
let running = false;
let frame = 0;
let timer: ReturnType<typeof setTimeout> | undefined;
let liveTimer: ReturnType<typeof setTimeout> | undefined;
let lastFrameAt = Number.NEGATIVE_INFINITY;

function runFrame(): void {
  cancelAnimationFrame(frame);
  clearTimeout(timer);
  clearTimeout(liveTimer); // what waited for a live frame runs in this one
  frame = 0;
  liveTimer = undefined;
  lastFrameAt = performance.now();
  running = true;
  // What a callback asks for while this runs (the store's update asks the timeline to draw) runs in this
  // frame too: asked of the browser, it would wait for the next one and show the canvas a frame late.
  for (let i = 0; i < waiting.length; i++) {
    try {
      waiting[i]?.();
    } catch (error) {
      queueMicrotask(() => {
        throw error; // reported as uncaught, without stopping the callbacks after it
      });
    }
  }
  waiting.length = 0;
  running = false;
}

function askForFrame(): void {
  frame = requestAnimationFrame(runFrame);
  timer = setTimeout(runFrame, NO_FRAME_MS);
}

/** Queues `callback`; false when the page is hidden and it was run straight away instead. */
function queue(callback: () => void): boolean {
  // Hidden, its timers may be held back for up to a minute: batches would pile up meanwhile.
  if (document.visibilityState === 'hidden') {
    queueMicrotask(callback);
    return false;
  }
  waiting.push(callback);
  return true;
}

const frameComing = () => running || frame !== 0;

/**
 * The page's next animation frame, shared by the store and the timeline so that both draw in the same one;
 * straight away while the page is hidden, as nothing is drawn then. For what the user did.
 */
export const nextAnimationFrame: NextFrame = (callback) => {
  if (!queue(callback) || frameComing()) return;
  askForFrame();
};

/**
 * A frame for what the lab did: the next one asked for anything, or one asked for LIVE_FRAME_GAP_MS after
 * the last, whichever comes first.
 */
export const nextLiveFrame: NextFrame = (callback) => {
  if (!queue(callback) || frameComing() || liveTimer !== undefined) return;
  const wait = lastFrameAt + LIVE_FRAME_GAP_MS - performance.now();
  if (wait <= 0) {
    askForFrame();
    return;
  }
  liveTimer = setTimeout(() => {
    liveTimer = undefined;
    if (!frameComing()) askForFrame();
  }, wait);
};

/**
 * Runs `callback` in the first frame `frame` gives once `ms` have passed: for a timer whose work changes the
 * page, which on its own would cost a frame of its own. Returns the function that cancels it.
 */
export function frameAfter(ms: number, callback: () => void, frame: NextFrame = nextLiveFrame): () => void {
  let cancelled = false;
  const timer = setTimeout(() => {
    frame(() => {
      if (!cancelled) callback();
    });
  }, ms);
  return () => {
    cancelled = true;
    clearTimeout(timer);
  };
}
