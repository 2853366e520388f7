import type { Drawing } from './drawing';
import { span } from './view';

/** Open bars are redrawn for the clock at most this often: ten steps a second read as growing smoothly. */
export const CLOCK_MS = 100;
/**
 * And at least this often while anything moves with the clock. When only the now line or a view following it
 * moves, the axis creeps, which ten draws a second do not show better: in software rendering they cost an
 * idle window ~8% of a core.
 */
export const IDLE_CLOCK_MS = 1_000;

/**
 * How long after `drawing` the clock has changed it enough to draw again: an open bar grows a pixel per span
 * ÷ width of lab time, so a long session seen whole is redrawn less often than a race framed. Null when
 * nothing in it moves with the clock; `viewMoves` says whether the view itself does (asked only if needed).
 */
export function clockRedrawMs(drawing: Drawing, viewMoves: () => boolean): number | null {
  if (drawing.growing) {
    const msPerPx = span(drawing.window) / (drawing.plotX1 - drawing.plotX0) / 1_000;
    return Math.min(Math.max(msPerPx, CLOCK_MS), IDLE_CLOCK_MS);
  }
  return drawing.nowLine || viewMoves() ? IDLE_CLOCK_MS : null;
}
