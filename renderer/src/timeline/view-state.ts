import { anchoredScroll, type Layout, TOP } from './layout';
import { clampWindow, fitWindow, followWindow, panBy, type TimeWindow, zoomAround } from './view';

type Extent = TimeWindow | null;

/** What one key press zooms by, and pans by as a share of the width. */
const KEY_ZOOM = 0.7;
const KEY_PAN = 0.15;

/** Ten seconds: the window shown before anything has happened. */
const EMPTY_SPAN = 10_000_000;

/**
 * Where the user is looking: the time window, the vertical scroll, and whether both follow the newest
 * events. Live by default; any zoom, pan or scroll by the user stops following until asked again.
 */
export class ViewState {
  window: TimeWindow = { start: 0, end: EMPTY_SPAN };
  scrollY = 0;
  following = true;
  /** Following shows everything, rather than a window of the width the user zoomed to. */
  fitMode = true;
  /** While following, the run this frames instead of the whole session: set as a run starts live. */
  framedRun: number | null = null;
  /** Keep the newest lanes in view, like a terminal keeps its last line. */
  stickBottom = true;
  /** The pointer over the canvas: lanes must not move under it. */
  pointer: { x: number; y: number } | null = null;
  readonly collapsed = new Set<string>();
  collapsedVersion = 0;
  maxScroll = 0;
  private extent: Extent = null;
  /** The window last shown on the other clock (the lab's, or aligned runs'), to come back to. */
  private kept: TimeWindow | null = null;

  resumeFollowing(): void {
    this.following = true;
    this.stickBottom = true;
    this.framedRun = null;
  }

  fitAll(extent: Extent, clock: { now(): number; live(): boolean }): void {
    this.fitMode = true;
    this.framedRun = null;
    const end = Math.max(extent?.end ?? 0, clock.live() ? clock.now() : 0);
    if (extent) this.window = fitWindow({ start: extent.start, end });
  }

  /**
   * Runs were aligned, or no longer are: the window moves to the other clock, back where it was last seen
   * there, or over all of `extent` (ending at `end` or later) the first time.
   */
  switchClock(extent: Extent, end: number): void {
    const back = this.kept;
    this.kept = this.window;
    this.extent = extent;
    if (back) this.window = back;
    else if (extent) this.window = fitWindow({ start: extent.start, end: Math.max(extent.end, end) });
  }

  toggleGroup(key: string): void {
    if (!this.collapsed.delete(key)) this.collapsed.add(key);
    this.collapsedVersion += 1;
  }

  /** Rows came or went: keep the row under the pointer (or at the top) where it was. */
  relayout(before: Layout, after: Layout): void {
    if (this.sticking()) return;
    const anchorY = this.pointer ? Math.max(0, this.pointer.y - TOP) : 0;
    this.scrollY = anchoredScroll(before, after, this.scrollY, anchorY);
  }

  /** Called once per frame before drawing; `framed` is the framed run's window, while there is one. */
  update(
    extent: Extent,
    now: number,
    live: boolean,
    contentHeight: number,
    viewHeight: number,
    framed: TimeWindow | null = null,
  ): void {
    this.extent = extent;
    const end = Math.max(extent?.end ?? now, live ? now : Number.NEGATIVE_INFINITY);
    if (this.following) {
      if (framed) this.window = framed;
      else if (!extent) this.window = { start: end - EMPTY_SPAN, end };
      else if (this.fitMode) this.window = fitWindow({ start: extent.start, end });
      else this.window = followWindow(this.window, end);
    }
    this.maxScroll = Math.max(0, contentHeight - viewHeight);
    if (this.sticking()) this.scrollY = this.maxScroll;
    this.scrollY = Math.min(Math.max(this.scrollY, 0), this.maxScroll);
  }

  zoomAt(anchor: number, factor: number): void {
    this.fitMode = false;
    const extent = this.extent;
    const maxSpan = extent ? Math.max((extent.end - extent.start) * 4, EMPTY_SPAN) : EMPTY_SPAN * 10;
    this.window = this.clamped(zoomAround(this.window, anchor, factor, maxSpan));
  }

  /** One key press of zoom around the middle of the view: in (1) or out (-1). */
  zoomStep(direction: 1 | -1): void {
    const centre = (this.window.start + this.window.end) / 2;
    this.zoomAt(centre, direction > 0 ? KEY_ZOOM : 1 / KEY_ZOOM);
  }

  /** One key press of pan: later (1) or earlier (-1), by a share of the view's width. */
  panStep(direction: 1 | -1): void {
    this.panTime(direction * (this.window.end - this.window.start) * KEY_PAN);
  }

  /** The view's width kept, moved to the first event. */
  toStart(): void {
    if (!this.extent) return;
    const width = this.window.end - this.window.start;
    this.setWindow({ start: this.extent.start - width * 0.02, end: this.extent.start + width * 0.98 });
  }

  panTime(dt: number): void {
    this.fitMode = false;
    this.window = this.clamped(panBy(this.window, dt));
  }

  setWindow(window: TimeWindow): void {
    this.fitMode = false;
    this.window = this.clamped(window);
  }

  scrollTo(y: number): void {
    this.scrollY = Math.min(Math.max(y, 0), this.maxScroll);
    this.stickBottom = this.scrollY >= this.maxScroll - 2;
  }

  private sticking(): boolean {
    return this.following && this.stickBottom && this.pointer === null;
  }

  private clamped(window: TimeWindow): TimeWindow {
    return this.extent ? clampWindow(window, this.extent) : window;
  }
}
