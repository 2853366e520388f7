/** The visible stretch of lab time, in µs. */
export interface TimeWindow {
  start: number;
  end: number;
}

/** The narrowest window: 20 µs across the plot. */
const MIN_SPAN = 20;
/** How much of a data-free margin fit-all leaves on the right. */
const FIT_MARGIN = 0.04;

export function span(window: TimeWindow): number {
  return window.end - window.start;
}

/** Zooms by `factor` (< 1 zooms in) keeping lab time `anchor` where it is on screen. */
export function zoomAround(window: TimeWindow, anchor: number, factor: number, maxSpan: number): TimeWindow {
  const width = Math.min(Math.max(span(window) * factor, MIN_SPAN), Math.max(maxSpan, MIN_SPAN));
  const ratio = span(window) > 0 ? (anchor - window.start) / span(window) : 0.5;
  const start = anchor - ratio * width;
  return { start, end: start + width };
}

export function panBy(window: TimeWindow, dt: number): TimeWindow {
  return { start: window.start + dt, end: window.end + dt };
}

/** Keeps some data on screen: the window may run past either end by most of its width, not beyond. */
export function clampWindow(window: TimeWindow, extent: TimeWindow): TimeWindow {
  const width = span(window);
  const slack = width * 0.9;
  const minStart = extent.start - slack;
  const maxStart = extent.end + slack - width;
  if (maxStart < minStart) return window;
  const start = Math.min(Math.max(window.start, minStart), maxStart);
  return { start, end: start + width };
}

/** Everything from the first event to `end`, with a little room on the right. */
export function fitWindow(extent: TimeWindow): TimeWindow {
  const width = Math.max(extent.end - extent.start, MIN_SPAN * 10);
  return { start: extent.start, end: extent.start + width * (1 + FIT_MARGIN) };
}

/** The same width, its right edge just past `now`, for following live. */
export function followWindow(window: TimeWindow, now: number): TimeWindow {
  const width = span(window);
  const end = now + width * FIT_MARGIN;
  return { start: end - width, end };
}

/** Maps lab time to x in a plot that starts at `x0` and is `width` px wide. */
export interface TimeScale {
  x0: number;
  width: number;
  start: number;
  /** px per µs */
  k: number;
}

export function timeScale(window: TimeWindow, x0: number, width: number): TimeScale {
  return { x0, width, start: window.start, k: width / Math.max(span(window), 1e-9) };
}

export function xOf(scale: TimeScale, t: number): number {
  return scale.x0 + (t - scale.start) * scale.k;
}

export function tOf(scale: TimeScale, x: number): number {
  return scale.start + (x - scale.x0) / scale.k;
}
