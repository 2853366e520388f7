import type { Drawing } from './drawing';
import { span } from './view';

/** The clock redraws a picture at most this often: ten steps a second read as moving smoothly. */
export const CLOCK_MS = 100;
/** And at least this often while anything in it moves with the clock. */
export const IDLE_CLOCK_MS = 1_000;

/**
 * How long after `drawing` the clock has moved it by a pixel, so that it is worth drawing again: an open bar
 * grows, and the now line (or a view following it) moves, a pixel per span ÷ width of lab time. A race framed
 * is redrawn ten times a second, a long session seen whole less often. A blank picture (no lane, no mark) has
 * only its axis to move: once a second. Null when nothing in the picture moves with the clock; `viewMoves`
 * says whether the view itself does (asked only if needed).
 */
export function clockRedrawMs(drawing: Drawing, viewMoves: () => boolean): number | null {
  if (!drawing.growing && !drawing.nowLine && !viewMoves()) return null;
  if (drawing.data.isBlank()) return IDLE_CLOCK_MS;
  const msPerPx = span(drawing.window) / (drawing.plotX1 - drawing.plotX0) / 1_000;
  return Math.min(Math.max(msPerPx, CLOCK_MS), IDLE_CLOCK_MS);
}
