import { describe, expect, it } from 'vitest';
import type { LabEvent } from '../../contract/events';
import { buildScene } from '../../renderer/src/timeline/build-scene';
import { IndexList } from '../../renderer/src/timeline/index-list';
import { anchoredScroll, buildLayout, LANE_H, TOP } from '../../renderer/src/timeline/layout';
import { forEachColumn } from '../../renderer/src/timeline/lod';
import { Scene } from '../../renderer/src/timeline/scene';
import { TimelineData } from '../../renderer/src/timeline/timeline-data';
import { fitWindow, timeScale, xOf, zoomAround } from '../../renderer/src/timeline/view';
import { TEST_TIMEOUT } from '../timeouts';
import { syntheticList } from './timeline-synthetic';

/** Markers at the given times, as a list of indices whose time is looked up in `times`. */
function markers(times: number[]): { list: IndexList; timeOf: (i: number) => number } {
  const list = new IndexList();
  for (let i = 0; i < times.length; i++) list.push(i);
  return { list, timeOf: (i) => times[i] as number };
}

function columns(times: number[], width: number, t0: number, t1: number) {
  const { list, timeOf } = markers(times);
  const scale = timeScale({ start: t0, end: t1 }, 0, width);
  const out: { x: number; count: number }[] = [];
  forEachColumn(list, timeOf, scale, t0, t1, (x, _first, count) => out.push({ x, count }));
  return { out, scale };
}

describe('level of detail: markers bucketed by pixel column', () => {
  it('visits each marker in the range once when there are few', () => {
    const { out } = columns([5, 15, 15.5, 90, 150], 100, 0, 100);
    expect(out).toEqual([
      { x: 5, count: 1 },
      { x: 15, count: 2 },
      { x: 90, count: 1 },
    ]);
  });

  it('aggregates a dense range into at most one visit per column, counting every marker', () => {
    const times = Array.from({ length: 100_000 }, (_, i) => i * 0.01 + Math.sin(i) * 0.004);
    times.sort((a, b) => a - b);
    const { out, scale } = columns(times, 200, 0, 1_000);
    expect(out.length).toBeLessThanOrEqual(201);
    expect(out.reduce((sum, c) => sum + c.count, 0)).toBe(times.filter((t) => t >= 0 && t < 1_000).length);
    // Same buckets as walking one by one.
    const brute = new Map<number, number>();
    for (const t of times) {
      if (t < 0 || t >= 1_000) continue;
      const x = Math.floor(xOf(scale, t));
      brute.set(x, (brute.get(x) ?? 0) + 1);
    }
    expect(out).toEqual([...brute].map(([x, count]) => ({ x, count })));
  });

  it('zooms around the anchor time, keeping it at the same place on screen', () => {
    const zoomed = zoomAround({ start: 0, end: 1_000 }, 250, 0.5, 1e9);
    expect(zoomed).toEqual({ start: 125, end: 625 });
  });
});

describe('layout: lanes stay put under the pointer', () => {
  it('scrolls by the height of rows added above the lane under the pointer', () => {
    const data = new TimelineData();
    const events = syntheticList({ connections: 10, events: 200 });
    data.ingest(events.slice(0, 120));
    const before = buildLayout(data.lanes, new Set());
    const target = before.rows.at(-1);
    const scrollY = 40;
    const pointerY = (target?.y ?? 0) - scrollY + 5;
    data.ingest(events.slice(120));
    const collapsed = new Set(['run-1']); // five lanes above it vanish
    const after = buildLayout(data.lanes, collapsed);
    const next = anchoredScroll(before, after, scrollY, pointerY);
    expect(next).toBe(scrollY - 5 * LANE_H);
  });
});

describe('scene: a frame stays bounded however many events', { timeout: TEST_TIMEOUT.millions }, () => {
  it('draws a million events and ten thousand connections with a bounded number of primitives', () => {
    const data = new TimelineData();
    const all: LabEvent[] = syntheticList({ connections: 10_000, events: 1_000_000 });
    for (let i = 0; i < all.length; i += 10_000) data.ingest(all.slice(i, i + 10_000));
    const extent = data.extent();
    if (!extent) throw new Error('no extent');
    const layout = buildLayout(data.lanes, new Set());
    const scene = new Scene();
    const started = performance.now();
    buildScene(
      scene,
      {
        data,
        layout,
        window: fitWindow(extent),
        scrollY: layout.height / 2,
        width: 1_400,
        height: 600,
        now: extent.end,
        live: false,
        hover: null,
        selected: null,
      },
      new Set(),
    );
    const elapsed = performance.now() - started;
    console.log(`scene for 1M events: ${scene.primitives} primitives in ${elapsed.toFixed(1)} ms`);
    expect(scene.primitives).toBeGreaterThan(10);
    expect(scene.primitives).toBeLessThan(20_000);
    expect(TOP).toBeGreaterThan(0);
  });
});
