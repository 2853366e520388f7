import type { NextFrame } from '../store/frame-queue';

/** A hidden page gets no animation frames: this timer applies what arrived anyway. */
const NO_FRAME_MS = 100;

/** The page's next animation frame, or a timer when no frame comes. */
export const nextAnimationFrame: NextFrame = (callback) => {
  const run = () => {
    clearTimeout(timer);
    cancelAnimationFrame(frame);
    callback();
  };
  const timer = setTimeout(run, NO_FRAME_MS);
  const frame = requestAnimationFrame(run);
};
