import { describe, expect, it } from 'vitest';
import type { LabEvent, LabEventBody } from '../../contract/events';
import { buildScene } from '../../renderer/src/timeline/build-scene';
import { CLOCK_MS, clockRedrawMs, IDLE_CLOCK_MS } from '../../renderer/src/timeline/clock-redraw';
import { buildLayout, GUTTER_W, RIGHT_PAD } from '../../renderer/src/timeline/layout';
import { Scene } from '../../renderer/src/timeline/scene';
import { TimelineData } from '../../renderer/src/timeline/timeline-data';
import type { TimeWindow } from '../../renderer/src/timeline/view';

/** 1,000 px of plot: a window of S seconds moves a pixel every S ms. */
const PLOT_W = 1_000;
const still = () => false;

function dataOf(timed: [number, LabEventBody][]): TimelineData {
  const data = new TimelineData();
  data.ingest(timed.map(([t, body], i) => ({ ...body, seq: i + 1, t }) as LabEvent));
  return data;
}

const open: [number, LabEventBody] = [
  1_000_000,
  { kind: 'conn:open', connId: 1, role: 'echo', remoteAddress: '127.0.0.1', remotePort: 5, localPort: 2 },
];
const closed: [number, LabEventBody] = [
  1_500_000,
  { kind: 'conn:close', connId: 1, cause: 'client', bytesIn: 0, bytesOut: 0 },
];

/** The drawing of `data` over `window`, live at `now`. */
function drawingOf(data: TimelineData, window: TimeWindow, now: number) {
  const layout = buildLayout(data.lanes, new Set(), false);
  const width = GUTTER_W + PLOT_W + RIGHT_PAD;
  const frame = { data, layout, window, scrollY: 0, width, height: 300, now, live: true };
  return buildScene(new Scene(), { ...frame, hover: null, selected: null }, new Set());
}

describe('redraws for the clock', () => {
  it('come ten times a second while an open connection grows in a race framed', () => {
    const drawing = drawingOf(dataOf([open]), { start: 900_000, end: 1_200_000 }, 1_100_000);
    expect(drawing.growing).toBe(true);
    expect(clockRedrawMs(drawing, still)).toBe(CLOCK_MS);
  });

  it('come when the open bar has grown a pixel, in a long session seen whole', () => {
    // 400 s across 1,000 px: a pixel every 400 ms.
    const drawing = drawingOf(dataOf([open]), { start: 0, end: 400_000_000 }, 399_000_000);
    expect(clockRedrawMs(drawing, still)).toBeCloseTo(400, 6);
    const hour = drawingOf(dataOf([open]), { start: 0, end: 3_600_000_000 }, 3_500_000_000);
    expect(clockRedrawMs(hour, still)).toBe(IDLE_CLOCK_MS);
  });

  it('come as often for the now line alone, and once a second in a blank picture, which has only its axis', () => {
    const drawing = drawingOf(dataOf([open, closed]), { start: 0, end: 400_000_000 }, 399_000_000);
    expect(drawing.growing).toBe(false);
    expect(drawing.nowLine).toBe(true);
    expect(clockRedrawMs(drawing, still)).toBeCloseTo(400, 6);
    const empty = drawingOf(dataOf([]), { start: 0, end: 3_000_000 }, 2_900_000);
    expect(empty.nowLine).toBe(true);
    expect(clockRedrawMs(empty, still)).toBe(IDLE_CLOCK_MS);
  });

  it('never come for a view placed in the past, even across an open bar, unless the view follows', () => {
    // "Now" is past the window's end: the open bar is cut at the plot's edge, and nothing drawn moves.
    const drawing = drawingOf(dataOf([open]), { start: 900_000, end: 1_600_000 }, 5_000_000);
    expect(drawing.growing).toBe(false);
    expect(drawing.nowLine).toBe(false);
    expect(clockRedrawMs(drawing, still)).toBeNull();
    expect(clockRedrawMs(drawing, () => true)).toBe(CLOCK_MS);
  });
});
