/** A stretch of lab time, µs. */
export interface TimeSpan {
  start: number;
  end: number;
}

/**
 * What the chart shares with the timeline, without knowing it: the range it shows, the time under its
 * pointer, and a way to show and mark a moment there. The app makes one from the timeline.
 */
export interface TimeLink {
  /** The range the user moved the timeline to; null while it follows the lab (the chart shows all). */
  window(): TimeSpan | null;
  /** Lab time under the timeline's pointer, and the time a pixel spans there; null when it is elsewhere. */
  pointerTime(): { t: number; usPerPx: number } | null;
  /** Calls `changed` after each frame the timeline draws; returns the unsubscribe. */
  subscribe(changed: () => void): () => void;
  /** Marks a moment on the timeline (the arrow under the chart's pointer); null clears it. */
  mark(t: number | null): void;
  /** Brings a span (a clicked arrow) to the middle of the timeline, at its zoom. */
  reveal(span: TimeSpan): void;
}
