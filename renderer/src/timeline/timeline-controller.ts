import * as v from 'valibot';
import { drawInLiveFrame, drawInNextFrame, frameAsk } from '../lib/animation-frame';
import { readStored, writeStored } from '../lib/local-storage';
import { alignment, hitOrigin } from './align';
import { buildScene } from './build-scene';
import { CanvasSurface } from './canvas-surface';
import { CLOCK_MS, clockRedrawMs } from './clock-redraw';
import { type Described, describeHit } from './describe';
import type { Drawing } from './drawing';
import { type Hit, sameHit } from './hit';
import { hitTest } from './hit-test';
import { runGroupKey } from './lane-model';
import { buildLayout, GROUP_H, Layout, TOP } from './layout';
import { paintCanvas } from './paint-canvas';
import { resolvePalette, watchTheme } from './palette';
import { laneRowNear } from './reveal';
import { frameWindow, newestRun, runSpan } from './runs';
import { type Palette, Scene } from './scene';
import { sceneToSvg } from './scene-svg';
import { summarise, watchSummary } from './summary';
import type { TimelineData } from './timeline-data';
import { changeTimelineUi, createTimelineUi, type TimelineUi, type TimelineUiStore } from './timeline-ui';
import { type TimeWindow, tOf, xOf } from './view';
import { ViewState } from './view-state';

/** A run whose first event is at most this old when the timeline sees it has started live: it is framed. */
const FRESH_RUN_US = 2_000_000;
/** Where the choice to align runs is remembered, as the workspace's layout is. */
const ALIGNED_KEY = 'ipc-scope:timeline-aligned';

interface ViewTime {
  extent: TimeWindow | null;
  now: number;
  live: boolean;
  origins: ReadonlyMap<string, number> | null;
}

/** Where "now" is: the lab's clock while live, the last event of an imported session. */
export interface TimelineClock {
  now(): number;
  live(): boolean;
  /** Runs appear as they happen (live, or in a replay): a new one is framed while following. */
  racing(): boolean;
}

/**
 * Owns the canvas: the view state, a redraw at most once per animation frame, and hit tests. The data
 * reaches it through a subscription, never through React, so a busy lab costs React nothing.
 */
export class TimelineController {
  readonly view = new ViewState();
  private surface: CanvasSurface | null = null;
  private palette: Palette | null = null;
  private readonly scene = new Scene();
  private layout = new Layout();
  private layoutKey = '';
  private drawing: Drawing | null = null;
  /** The next draw: in the next frame for input, in a live one for events and the clock. */
  private readonly draws = frameAsk(
    () => {
      if (this.surface) this.draw();
    },
    { live: drawInLiveFrame, soon: drawInNextFrame },
  );
  private hiddenChange = false;
  /** The redraw for the clock: set after a draw whose picture changes as the clock moves. */
  private clockTimer: ReturnType<typeof setTimeout> | null = null;
  /** The newest run seen, so a new one is noticed once. */
  private lastRun = 0;
  private readonly drawn = new Set<() => void>();
  /** A moment another view points at (the sequence chart's arrow under its pointer), drawn as a line. */
  private markedTime: number | null = null;

  /** What React shows around the canvas. */
  readonly ui: TimelineUiStore;

  constructor(
    readonly data: TimelineData,
    private readonly clock: TimelineClock,
  ) {
    this.ui = createTimelineUi(summarise(data), readStored(ALIGNED_KEY, v.boolean(), false));
  }

  /** Runs are aligned at their first spawns: the view's times are µs since each run's first spawn. */
  get aligned(): boolean {
    return this.ui.getState().aligned;
  }

  /** Aligns every run at its first spawn, or puts them back on the lab's clock; remembered. */
  setAligned(aligned: boolean): void {
    if (aligned === this.aligned) return;
    writeStored(ALIGNED_KEY, aligned);
    this.setUi({ aligned, hover: null });
    const time = this.viewTime();
    this.view.switchClock(time.extent, time.now);
    this.requestDraw();
  }

  /**
   * The clock the view's window is on: the lab's, or while aligned µs since each run's first spawn, where
   * the longest run (a running one reaches now) sets the extent and its end stands for now; `origins`, each
   * run's first spawn, then.
   */
  private viewTime(): ViewTime {
    const now = this.clock.now();
    if (!this.aligned) return { extent: this.data.extent(), now, live: this.clock.live(), origins: null };
    const { extent, origins } = alignment(this.data.lanes, now);
    return { extent, now: extent?.end ?? 0, live: false, origins };
  }

  /** What the tooltip and details say about `hit`: while aligned, its times since its run's first spawn. */
  describe(hit: Hit): Described | null {
    const origin = this.drawing ? hitOrigin(this.drawing, hit) : null;
    return describeHit(this.data, hit, this.clock.now(), origin);
  }

  /** Starts drawing into `canvas`; returns the function that stops. */
  attach(canvas: HTMLCanvasElement, host: HTMLElement): () => void {
    this.surface = new CanvasSurface(canvas, host);
    this.palette = resolvePalette(host);
    let generation = this.data.generation;
    const stopData = this.data.subscribe(() => {
      if (generation !== this.data.generation) {
        generation = this.data.generation;
        this.lastRun = 0;
        this.setUi({ selected: null, hover: null }); // they pointed into the history that is gone
      }
      this.noticeNewRun();
      this.requestDraw('live');
    });
    const stopSummary = watchSummary(this.data, (summary) => this.ui.setState({ summary }));
    const stopTheme = watchTheme(() => {
      this.palette = resolvePalette(host);
      this.requestDraw();
    });
    const onVisibility = () => {
      if (document.visibilityState === 'visible' && this.hiddenChange) this.requestDraw();
    };
    document.addEventListener('visibilitychange', onVisibility);
    this.requestDraw();
    return () => {
      stopData();
      stopSummary();
      stopTheme();
      this.stopClock();
      document.removeEventListener('visibilitychange', onVisibility);
      this.surface = null;
    };
  }

  resize(width: number, height: number, dpr: number): void {
    this.surface?.resize(width, height, dpr);
    this.requestDraw();
  }

  /**
   * Draws for input in the next animation frame, or in the current one when asked while it runs; for what
   * the lab did (new events, the clock), in a live frame. Input hurries a live draw still waiting.
   */
  requestDraw(cause: 'input' | 'live' = 'input'): void {
    if (!this.surface) return;
    // A hidden page shows nothing: one draw when it is seen again is enough, however much changed.
    this.hiddenChange = document.visibilityState === 'hidden';
    if (this.hiddenChange) return;
    this.draws.ask(cause === 'input');
  }

  private setUi(change: Partial<Omit<TimelineUi, 'summary'>>): void {
    changeTimelineUi(this.ui, change);
  }

  /** Any change to the view: pause following if the user caused it, then draw. */
  changed(byUser: boolean): void {
    if (byUser) this.view.following = false;
    this.setUi({ following: this.view.following });
    this.requestDraw();
  }

  follow(): void {
    this.view.resumeFollowing();
    this.changed(false);
  }

  /** The follow button is a toggle: pressed again, it holds the view still. */
  toggleFollow(): void {
    if (this.view.following) this.changed(true);
    else this.follow();
  }

  /** Calls `listener` after each frame is drawn (the overview follows the view); returns the unsubscribe. */
  onDrawn(listener: () => void): () => void {
    this.drawn.add(listener);
    return () => this.drawn.delete(listener);
  }

  /** Shows `window` of lab time, as the overview's brush asks; the user asked, so following stops. */
  showWindow(window: TimeWindow): void {
    this.setAligned(false);
    this.view.setWindow(window);
    this.changed(true);
  }

  /** Shows one run across the view; the user asked, so following stops until asked again. */
  frameRun(runId: number): void {
    const span = runSpan(this.data.lanes, runGroupKey(runId), this.clock.now());
    if (!span) return;
    this.view.setWindow(this.runWindow(span));
    this.changed(true);
  }

  /** The window that frames a run: aligned, from its first spawn at 0. */
  private runWindow(span: { start: number; end: number }): TimeWindow {
    return frameWindow(this.aligned ? { start: 0, end: span.end - span.start } : span);
  }

  /** A run that starts while following live is framed: its race fills the view as it happens. */
  private noticeNewRun(): void {
    const newest = newestRun(this.data.lanes);
    if (newest <= this.lastRun) return;
    // A run's header can come a batch before its first client: it is looked at again with the next batch.
    const span = runSpan(this.data.lanes, runGroupKey(newest), this.clock.now());
    if (!span) return;
    this.lastRun = newest;
    const fresh = span.start >= this.clock.now() - FRESH_RUN_US;
    if (this.view.following && this.clock.racing() && fresh) this.view.framedRun = newest;
  }

  /**
   * While following: the framed run's window; aligned, every run's, all of them from their first spawn, whose
   * extent a caller that has worked it out already (the draw, a moment ago) passes as `alignedExtent`.
   */
  private framedWindow(now: number, alignedExtent?: TimeWindow | null): TimeWindow | null {
    if (this.aligned) {
      const extent = alignedExtent === undefined ? alignment(this.data.lanes, now).extent : alignedExtent;
      return extent ? frameWindow(extent) : null;
    }
    if (this.view.framedRun === null) return null;
    const span = runSpan(this.data.lanes, runGroupKey(this.view.framedRun), now);
    return span ? this.runWindow(span) : null;
  }

  /** W and S: zoom around the middle of the view. */
  zoomStep(direction: 1 | -1): void {
    this.view.zoomStep(direction);
    this.changed(true);
  }

  /** A and D: pan by a share of the view. */
  panStep(direction: 1 | -1): void {
    this.view.panStep(direction);
    this.changed(true);
  }

  /** Home: the start of the session, at the same zoom. */
  toStart(): void {
    this.view.toStart();
    this.changed(true);
  }

  /** Escape: lets go of what was clicked; false when nothing was. */
  deselect(): boolean {
    if (this.ui.getState().selected === null) return false;
    this.select(null);
    return true;
  }

  fit(): void {
    const { extent, now, live } = this.viewTime();
    this.view.fitAll(extent, { now: () => now, live: () => live });
    this.changed(false);
  }

  /** A different session is on screen: show all of it, and follow it if it is live. */
  showAll(): void {
    this.view.fitMode = true;
    this.follow();
  }

  /** Scrolls to the first lane busy at lab time `t`, or the nearest: asked for, so the lanes may move. */
  revealLanesAt(t: number): void {
    const origins = this.drawing?.origins ?? null;
    const y = laneRowNear(this.layout, this.data.lanes, t, this.clock.now(), origins);
    if (y === null) return;
    this.view.scrollTo(y - GROUP_H);
    this.changed(true);
  }

  /** Marks lab time `t` with a line across the lanes (not while aligned: no one x is `t`); null clears it. */
  markTime(t: number | null): void {
    if (t === this.markedTime) return;
    this.markedTime = t;
    this.requestDraw();
  }

  /** Lab time under the pointer, and how much time a pixel spans there; null when it is not over the plot. */
  pointerTime(): { t: number; usPerPx: number } | null {
    const { pointer } = this.view;
    const drawing = this.drawing;
    if (!pointer || !drawing || pointer.x < drawing.plotX0 || pointer.x > drawing.plotX1) return null;
    if (drawing.origins) return null; // aligned, x is a different lab time in each run
    const t = tOf(drawing.scale, pointer.x);
    return { t, usPerPx: tOf(drawing.scale, pointer.x + 1) - t };
  }

  /** Centres lab time `span` at the present zoom, or zooms out until it fits; the user asked, so following stops. */
  reveal(span: TimeWindow): void {
    this.setAligned(false);
    const width = Math.max(this.view.window.end - this.view.window.start, (span.end - span.start) * 1.25);
    const middle = (span.start + span.end) / 2;
    this.showWindow({ start: middle - width / 2, end: middle + width / 2 });
  }

  /** Lab time now (µs), as the canvas sees it. */
  now(): number {
    return this.clock.now();
  }

  hitAt(x: number, y: number): Hit | null {
    return this.drawing ? hitTest(this.drawing, x, y) : null;
  }

  hover(point: { x: number; y: number } | null): void {
    this.view.pointer = point;
    const hit = point ? this.hitAt(point.x, point.y) : null;
    const hover = hit && point ? { hit, ...point } : null;
    if (!sameHit(hit, this.ui.getState().hover?.hit ?? null)) this.requestDraw();
    this.setUi({ hover });
  }

  select(hit: Hit | null): void {
    if (hit?.type === 'group') {
      // The header's label folds the group; the rest of a run's header frames the run.
      const group = this.data.lanes.groups.get(hit.key);
      if (hit.onLabel || group?.kind !== 'run') {
        this.view.toggleGroup(hit.key);
        this.requestDraw();
      } else this.frameRun(group.order);
      return;
    }
    this.setUi({ selected: hit });
    this.requestDraw();
  }

  /** The picture on screen as a PNG, at the screen's pixel density. */
  toPng(): Promise<Blob | null> {
    if (!this.surface) return Promise.resolve(null);
    this.draw(); // what is on screen now, not a frame ago
    return this.surface.toPng();
  }

  /** The same drawing as SVG: vector, and as bounded as the canvas by the level of detail. */
  toSvg(title: string): string | null {
    if (!this.palette || !this.drawing) return null;
    this.draw();
    return sceneToSvg(this.scene, this.palette, title);
  }

  /** The drawing last made, for the SVG export and hit tests. */
  lastDrawing(): Drawing | null {
    return this.drawing;
  }

  get plotHeight(): number {
    return Math.max(0, (this.surface?.height ?? 0) - TOP);
  }

  private drawMarkedTime(height: number): void {
    const drawing = this.drawing;
    if (this.markedTime === null || !drawing || drawing.origins) return;
    const x = xOf(drawing.scale, this.markedTime);
    if (x >= drawing.plotX0 && x <= drawing.plotX1) this.scene.line('selected-line', x, TOP, x, height);
  }

  private stopClock(): void {
    if (this.clockTimer !== null) clearTimeout(this.clockTimer);
    this.clockTimer = null;
  }

  /**
   * Open connections grow with the clock even when no event arrives, and a view that follows it moves: such a
   * picture is drawn again when the clock has changed it (clock-redraw.ts). A still one (the framed run over,
   * a view the user placed away from now) costs no frame at all.
   */
  private scheduleClock(drawing: Drawing, now: number): void {
    this.stopClock();
    if (!this.clock.live()) return;
    const wait = clockRedrawMs(drawing, () => this.viewFollowsClock(now));
    if (wait === null) return;
    this.clockTimer = setTimeout(() => {
      this.clockTimer = null;
      this.requestDraw('live'); // a hidden page draws once it is seen again
    }, wait);
  }

  /** Whether the view's window moves as the clock does: following live, unless the framed run is over. */
  private viewFollowsClock(now: number): boolean {
    if (!this.view.following) return false;
    const framed = this.framedWindow(now);
    if (!framed) return true;
    const later = this.framedWindow(now + CLOCK_MS * 1_000);
    return later === null || later.start !== framed.start || later.end !== framed.end;
  }

  private draw(): void {
    const { surface, palette } = this;
    const ctx = surface?.context();
    if (!surface || !ctx || !palette) return;
    const { width, height, dpr } = surface;
    const now = this.clock.now();
    const live = this.clock.live();
    const aligned = this.aligned;
    const key = `${this.data.lanes.layoutVersion}/${this.view.collapsedVersion}/${aligned}`;
    if (key !== this.layoutKey) {
      const next = buildLayout(this.data.lanes, this.view.collapsed, aligned);
      this.view.relayout(this.layout, next);
      this.layout = next;
      this.layoutKey = key;
    }
    const time = this.viewTime();
    this.view.update(
      time.extent,
      time.now,
      time.live,
      this.layout.height,
      height - TOP,
      this.framedWindow(now, time.origins ? time.extent : undefined),
    );
    const { hover, selected } = this.ui.getState();
    const input = {
      data: this.data,
      layout: this.layout,
      window: this.view.window,
      scrollY: this.view.scrollY,
      origins: time.origins,
    };
    this.drawing = buildScene(
      this.scene,
      { ...input, width, height, now, live, hover: hover?.hit ?? null, selected },
      this.view.collapsed,
    );
    this.drawMarkedTime(height);
    paintCanvas(ctx, this.scene, palette, dpr);
    this.scheduleClock(this.drawing, now);
    surface.publish(this.view, this.drawing);
    for (const listener of this.drawn) listener();
    // What is under a still pointer changes when the view zooms or the data moves: say so.
    const pointer = this.view.pointer;
    if (pointer && this.drawing) {
      const hit = hitTest(this.drawing, pointer.x, pointer.y);
      if (!sameHit(hit, hover?.hit ?? null)) {
        this.setUi({ hover: hit ? { hit, ...pointer } : null });
        this.requestDraw(); // once more, with the new row highlighted
      }
    }
  }
}
