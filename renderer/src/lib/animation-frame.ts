import type { NextFrame } from '../store/frame-queue';

/** A page hidden after it asked for a frame gets none: this timer applies what arrived anyway. */
const NO_FRAME_MS = 100;

/** The page's next animation frame; straight away while the page is hidden, as nothing is drawn then. */
export const nextAnimationFrame: NextFrame = (callback) => {
  // Hidden, its timers may be held back for up to a minute: batches would pile up meanwhile.
  if (document.visibilityState === 'hidden') {
    queueMicrotask(callback);
    return;
  }
  const run = () => {
    clearTimeout(timer);
    cancelAnimationFrame(frame);
    callback();
  };
  const timer = setTimeout(run, NO_FRAME_MS);
  const frame = requestAnimationFrame(run);
};
