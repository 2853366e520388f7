/** Calls back once, soon: in the page, at its next animation frame. */
export type NextFrame = (callback: () => void) => void;

/** A page hidden after it asked for a frame gets none: this timer runs what waited anyway. */
const NO_FRAME_MS = 100;

const waiting: (() => void)[] = [];
let running = false;
let frame = 0;
let timer: ReturnType<typeof setTimeout> | undefined;

function runFrame(): void {
  cancelAnimationFrame(frame);
  clearTimeout(timer);
  frame = 0;
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

/**
 * The page's next animation frame, shared by the store and the timeline so that both draw in the same one;
 * straight away while the page is hidden, as nothing is drawn then.
 */
export const nextAnimationFrame: NextFrame = (callback) => {
  // Hidden, its timers may be held back for up to a minute: batches would pile up meanwhile.
  if (document.visibilityState === 'hidden') {
    queueMicrotask(callback);
    return;
  }
  waiting.push(callback);
  if (running || frame !== 0) return;
  frame = requestAnimationFrame(runFrame);
  timer = setTimeout(runFrame, NO_FRAME_MS);
};
