import type { Hit } from './hit';
import { GUTTER_W, type Layout, RIGHT_PAD } from './layout';
import type { Scene, StyleName } from './scene';
import type { TimelineData } from './timeline-data';
import { type TimeScale, type TimeWindow, timeScale, xOf } from './view';

/** Everything one drawing of the timeline is made from. */
export interface DrawingInput {
  data: TimelineData;
  layout: Layout;
  window: TimeWindow;
  scrollY: number;
  width: number;
  height: number;
  /** Lab time an open connection or a running client reaches. */
  now: number;
  /** Draw the "now" line: the session is live. */
  live: boolean;
  hover: Hit | null;
  selected: Hit | null;
  /**
   * Runs aligned: each run group's first spawn (lab µs), where its lanes' time starts; the window is then in
   * µs since the first spawn. Absent or null: every lane on the lab's clock.
   */
  origins?: ReadonlyMap<string, number> | null;
}

export interface Drawing extends DrawingInput {
  scene: Scene;
  scale: TimeScale;
  plotX0: number;
  plotX1: number;
  /** Something open (a connection, a running client) drawn up to `now`, inside the plot: it grows with the clock. */
  growing: boolean;
  /** The now line is in the plot: it, or the view that follows it, moves with the clock. */
  nowLine: boolean;
  /** Each run's earliest spawn drawn, as x in px: where its lanes were put, for tests and anyone inspecting. */
  runSpawnX: Map<number, number>;
}

export function makeDrawing(scene: Scene, input: DrawingInput): Drawing {
  const plotX0 = GUTTER_W;
  const plotX1 = Math.max(plotX0 + 10, input.width - RIGHT_PAD);
  return {
    ...input,
    scene,
    plotX0,
    plotX1,
    scale: timeScale(input.window, plotX0, plotX1 - plotX0),
    growing: false,
    nowLine: false,
    runSpawnX: new Map(),
  };
}

/** The scale a group's lanes are drawn on: the window's, moved to the group's first spawn while aligned. */
export function groupScale(drawing: Drawing, groupKey: string): TimeScale {
  const origin = drawing.origins?.get(groupKey);
  return origin === undefined ? drawing.scale : { ...drawing.scale, start: drawing.scale.start + origin };
}

/**
 * A bar from t0 to t1, clipped to the plot, at least `minW` px wide so the shortest stays visible; `t1` null
 * when the bar is still open: it reaches `now`, and the drawing then changes with the clock.
 */
export function timeBar(
  drawing: Drawing,
  style: StyleName,
  t0: number,
  t1: number | null,
  y: number,
  h: number,
  minW = 0,
  scale = drawing.scale,
): void {
  let x0 = xOf(scale, t0);
  let x1 = xOf(scale, t1 ?? drawing.now);
  if (x1 - x0 < minW) x1 = x0 + minW;
  if (x1 < drawing.plotX0 || x0 > drawing.plotX1) return;
  // Cut at the plot's right edge, an open bar no longer changes as the clock moves.
  if (t1 === null && xOf(scale, drawing.now) <= drawing.plotX1) drawing.growing = true;
  x0 = Math.max(x0, drawing.plotX0);
  x1 = Math.min(x1, drawing.plotX1);
  drawing.scene.rect(style, x0, y, x1 - x0, h);
}

export function inPlot(drawing: Drawing, x: number): boolean {
  return x >= drawing.plotX0 && x <= drawing.plotX1;
}
