import { describe, expect, it } from 'vitest';
import type { LabEvent, LabEventBody } from '../../contract/events';
import { formatSinceMs, formatTickMs } from '../../renderer/src/lib/ticks';
import { alignment, hitOrigin } from '../../renderer/src/timeline/align';
import { buildScene } from '../../renderer/src/timeline/build-scene';
import { describeHit } from '../../renderer/src/timeline/describe';
import { hitTest } from '../../renderer/src/timeline/hit-test';
import { EXTERNAL_GROUP, runGroupKey } from '../../renderer/src/timeline/lane-model';
import { buildLayout, GROUP_H, GUTTER_W, LANE_H, TOP } from '../../renderer/src/timeline/layout';
import { laneRowNear } from '../../renderer/src/timeline/reveal';
import { Scene } from '../../renderer/src/timeline/scene';
import { TimelineData } from '../../renderer/src/timeline/timeline-data';
import { xOf } from '../../renderer/src/timeline/view';
import { ViewState } from '../../renderer/src/timeline/view-state';

/** One client of run `runId`: spawned at `t`, accepted 2 ms later, data at +3 ms, the reply at +`reply` ms. */
function client(runId: number, n: number, t: number, reply: number): [number, LabEventBody][] {
  const clientId = `${runId}.${n}`;
  const connId = runId * 10 + n;
  const pid = 100 * runId + n;
  return [
    [t, { kind: 'client:spawn', runId, clientId, mode: 'process', pid }],
    [
      t + 2_000,
      {
        kind: 'conn:open',
        connId,
        role: 'echo',
        remoteAddress: '127.0.0.1',
        remotePort: connId,
        localPort: 2,
      },
    ],
    [t + 2_001, { kind: 'conn:identified', connId, runId, clientId }],
    [t + 3_000, { kind: 'conn:data', connId, data: btoa(`client:process=${pid}`), size: 16 }],
    [t + reply * 1_000, { kind: 'conn:reply', connId, text: 'server got', size: 10 }],
    [t + 9_000, { kind: 'conn:close', connId, cause: 'client', bytesIn: 16, bytesOut: 10 }],
    [t + 10_000, { kind: 'client:exit', runId, clientId, pid, code: 0, signal: null }],
  ];
}

/**
 * Run 1 at 1 s, run 2 at 7 s (its second client spawned 300 µs after its first, not 100, and its reply
 * 2 ms later), a connection nobody here spawned, and a signal at 4 s.
 */
function session(): TimelineData {
  const timed: [number, LabEventBody][] = [
    [999_000, { kind: 'run:start', runId: 1, mode: 'process', count: 2 }],
    ...client(1, 1, 1_000_000, 5),
    ...client(1, 2, 1_000_100, 5),
    [
      3_000_000,
      { kind: 'conn:open', connId: 99, role: 'echo', remoteAddress: '10.0.0.9', remotePort: 9, localPort: 2 },
    ],
    [4_000_000, { kind: 'signal:received', signal: 'SIGUSR2', number: 12, source: 'external', pid: 5 }],
    [6_999_000, { kind: 'run:start', runId: 2, mode: 'process', count: 2 }],
    ...client(2, 1, 7_000_000, 7),
    ...client(2, 2, 7_000_300, 5),
  ];
  const events = timed
    .sort((a, b) => a[0] - b[0])
    .map(([t, body], i) => ({ ...body, seq: i + 1, t }) as LabEvent);
  const data = new TimelineData();
  data.ingest(events);
  return data;
}

const NOW = 8_000_000;

/** A frame of `data`: runs aligned over 0–20 ms, or the lab's clock over 0–8 s. */
function frameOf(data: TimelineData, aligned: boolean) {
  const origins = aligned ? alignment(data.lanes, NOW).origins : null;
  const layout = buildLayout(data.lanes, new Set(), aligned);
  const window = aligned ? { start: 0, end: 20_000 } : { start: 0, end: NOW };
  const input = { data, layout, window, scrollY: 0, width: GUTTER_W + 1_012, height: 400, now: NOW };
  const frame = { ...input, live: false, hover: null, selected: null, origins };
  return buildScene(new Scene(), frame, new Set());
}

/** Centre y of the `lane`th lane (0-based) of the `group`th group (0-based), with two lanes a group. */
const laneY = (group: number, lane: number) =>
  TOP + (group + 1) * GROUP_H + (group * 2 + lane) * LANE_H + LANE_H / 2;

/** The x of each glyph of `style` drawn on the row centred at `y` (give or take a marker's offset). */
function glyphsOnRow(scene: Scene, style: 'spawn' | 'reply', y: number): number[] {
  const list = scene.data.get(style) ?? [];
  const xs: number[] = [];
  for (let i = 0; i < list.length; i += 2)
    if (Math.abs((list[i + 1] as number) - y) <= 8) xs.push(list[i] as number);
  return xs;
}

describe('runs aligned at their first spawns', () => {
  it('starts each run at its own first spawn, and reaches as far as the longest run', () => {
    const { origins, extent } = alignment(session().lanes, NOW);
    expect([...origins]).toEqual([
      [runGroupKey(1), 1_000_000],
      [runGroupKey(2), 7_000_000],
    ]);
    expect(extent).toEqual({ start: 0, end: 10_300 }); // run 2: its last client exits 10 ms after it spawned
    expect(alignment(new TimelineData().lanes, NOW)).toEqual({ origins: new Map(), extent: null });
  });

  it('draws both runs from the same x, one under another, each lane shifted by its run only', () => {
    const frame = frameOf(session(), true);
    const zero = xOf(frame.scale, 0);
    expect(frame.layout.rows.map((row) => row.group.key)).not.toContain(EXTERNAL_GROUP);
    expect([...frame.runSpawnX]).toEqual([
      [1, zero],
      [2, zero],
    ]);
    const at = (ms: number) => Math.floor(xOf(frame.scale, ms * 1_000)) + 0.5;
    expect(glyphsOnRow(frame.scene, 'spawn', laneY(0, 0))).toEqual([at(0)]);
    expect(glyphsOnRow(frame.scene, 'spawn', laneY(0, 1))).toEqual([at(0.1)]);
    expect(glyphsOnRow(frame.scene, 'spawn', laneY(1, 0))).toEqual([at(0)]);
    expect(glyphsOnRow(frame.scene, 'spawn', laneY(1, 1))).toEqual([at(0.3)]);
    // Read straight down: run 2's first client replied 2 ms later than run 1's.
    expect(glyphsOnRow(frame.scene, 'reply', laneY(0, 0))).toEqual([at(5)]);
    expect(glyphsOnRow(frame.scene, 'reply', laneY(1, 0))).toEqual([at(7)]);
    expect(glyphsOnRow(frame.scene, 'reply', laneY(1, 1))).toEqual([at(5.3)]);
  });

  it('draws the runs at their lab times, the outside lane and the signal too, when not aligned', () => {
    const frame = frameOf(session(), false);
    expect(frame.layout.rows.map((row) => row.group.key)).toContain(EXTERNAL_GROUP);
    expect(frame.runSpawnX.get(2)).toBeCloseTo(xOf(frame.scale, 7_000_000));
    expect(frame.runSpawnX.get(1)).toBeCloseTo(xOf(frame.scale, 1_000_000));
    expect(frame.scene.data.get('signal')).toHaveLength(4);
    expect(frame.scene.texts.map((text) => text.text)).toContain('lab time →');
  });

  it('leaves out the signals and the now line, and reads its axis in ms since the first spawn', () => {
    const data = session();
    const frame = buildScene(new Scene(), { ...frameOf(data, true), live: true }, new Set());
    expect(frame.scene.data.get('signal')).toEqual([]);
    expect(frame.scene.data.get('flag-signal')).toEqual([]);
    expect(frame.scene.data.get('now')).toEqual([]);
    const texts = frame.scene.texts.map((text) => text.text);
    expect(texts).toContain('ms since first spawn →');
    expect(texts).toContain('0 ms');
    expect(texts).toContain('10 ms');
    expect(texts.filter((text) => text.endsWith(' s'))).toEqual([]);
  });
});

describe('hit testing and tooltips with runs aligned', () => {
  it('finds each run’s own marker at its time since its first spawn', () => {
    const frame = frameOf(session(), true);
    const x = xOf(frame.scale, 7_000);
    // At +7 ms run 2's first client has its reply; run 1's has nothing there, but its connection is open.
    const run2 = hitTest(frame, x, laneY(1, 0));
    expect(run2?.type).toBe('marker');
    if (run2?.type !== 'marker') return;
    expect(frame.data.columns.decode(run2.index)).toMatchObject({ kind: 'conn:reply', connId: 21 });
    expect(hitTest(frame, x, laneY(0, 0))).toMatchObject({ type: 'span' });
    const run1 = hitTest(frame, xOf(frame.scale, 5_000), laneY(0, 0));
    expect(run1?.type === 'marker' && frame.data.columns.decode(run1.index)).toMatchObject({ connId: 11 });
  });

  it('finds no signal while aligned: none is drawn', () => {
    const data = session();
    const aligned = frameOf(data, true);
    // Where the lab's clock would put the signal (4 s) there is nothing on a lane, nor in the band.
    expect(hitTest(aligned, xOf(aligned.scale, 4_000_000) + 1, laneY(0, 0))).toBeNull();
    const lab = frameOf(data, false);
    expect(hitTest(lab, xOf(lab.scale, 4_000_000) + 1, TOP - 6)).toMatchObject({ type: 'global' });
    expect(hitTest({ ...lab, origins: aligned.origins }, xOf(lab.scale, 4_000_000) + 1, TOP - 6)).toBeNull();
  });

  it('tells a hit’s times since its run’s first spawn, and in lab µs when not aligned', () => {
    const data = session();
    const frame = frameOf(data, true);
    const marker = hitTest(frame, xOf(frame.scale, 7_000), laneY(1, 0));
    if (!marker) throw new Error('no marker');
    expect(hitOrigin(frame, marker)).toBe(7_000_000);
    expect(describeHit(data, marker, NOW, hitOrigin(frame, marker))?.facts[0]).toEqual([
      'since first spawn',
      '+7.000 ms',
    ]);
    const span = hitTest(frame, 40, laneY(1, 1));
    if (!span) throw new Error('no lane');
    const facts = new Map(describeHit(data, span, NOW, hitOrigin(frame, span))?.facts);
    expect(facts.get('started')).toBe('+0.300 ms');
    expect(facts.get('accepted')).toBe('+2.300 ms');
    expect(facts.get('closed')).toBe('+9.300 ms');

    const lab = frameOf(data, false);
    expect(hitOrigin(lab, marker)).toBeNull();
    expect(describeHit(data, marker, NOW, hitOrigin(lab, marker))?.facts[0]).toEqual([
      'time',
      '7,007,000 µs',
    ]);
    expect(hitOrigin(frame, { type: 'group', key: runGroupKey(1), onLabel: false })).toBeNull();
  });

  it('finds the lanes busy at a time since the first spawn, each run on its own clock', () => {
    const data = session();
    const frame = frameOf(data, true);
    const origins = frame.origins ?? null;
    // +10.2 ms: only run 2's second client (spawned at +0.3 ms, exited at +10.3 ms) is still alive.
    expect(laneRowNear(frame.layout, data.lanes, 10_200, NOW, origins)).toBe(2 * GROUP_H + 3 * LANE_H);
    expect(laneRowNear(frame.layout, data.lanes, 1_000_000 + 10_050, NOW)).toBe(GROUP_H + LANE_H);
  });
});

describe('switching the view between the lab’s clock and aligned runs', () => {
  it('fits all of the aligned runs the first time, and comes back to the window left on each clock', () => {
    const view = new ViewState();
    view.following = false;
    view.setWindow({ start: 1_000_000, end: 2_000_000 });
    view.switchClock({ start: 0, end: 10_000 }, 0);
    expect(view.window.start).toBe(0);
    expect(view.window.end).toBeCloseTo(10_400);
    view.setWindow({ start: 2_000, end: 4_000 });
    view.switchClock({ start: 0, end: 8_000_000 }, 8_000_000);
    expect(view.window).toEqual({ start: 1_000_000, end: 2_000_000 });
    view.switchClock({ start: 0, end: 10_000 }, 0);
    expect(view.window).toEqual({ start: 2_000, end: 4_000 });
  });

  it('labels ticks in ms and a time since the first spawn to the µs', () => {
    expect(formatTickMs(2_000, 1_000)).toBe('2 ms');
    expect(formatTickMs(2_500, 500)).toBe('2.5 ms');
    expect(formatTickMs(20, 20)).toBe('0.02 ms');
    expect(formatSinceMs(7_001)).toBe('+7.001 ms');
    expect(formatSinceMs(-250)).toBe('−0.250 ms');
  });
});
