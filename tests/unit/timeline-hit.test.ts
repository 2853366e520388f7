import { describe, expect, it } from 'vitest';
import type { LabEvent, LabEventBody } from '../../contract/events';
import { buildScene } from '../../renderer/src/timeline/build-scene';
import { hitTest } from '../../renderer/src/timeline/hit-test';
import { buildLayout, GROUP_H, GUTTER_W, LANE_H, TOP } from '../../renderer/src/timeline/layout';
import { Scene } from '../../renderer/src/timeline/scene';
import { TimelineData } from '../../renderer/src/timeline/timeline-data';
import { xOf } from '../../renderer/src/timeline/view';

function events(...bodies: [number, LabEventBody][]): LabEvent[] {
  return bodies.map(([t, body], i) => ({ ...body, seq: i + 1, t }) as LabEvent);
}

/** One run of one client: spawned at 0, data in at 4 ms, reply at 5 ms, closed at 8 ms; a signal at 9 ms. */
function frameOf(collapsed = new Set<string>()) {
  const data = new TimelineData();
  data.ingest(
    events(
      [0, { kind: 'run:start', runId: 1, mode: 'process', count: 1 }],
      [1_000, { kind: 'client:spawn', runId: 1, clientId: '1.1', mode: 'process', pid: 9 }],
      [
        3_000,
        {
          kind: 'conn:open',
          connId: 1,
          role: 'echo',
          remoteAddress: '127.0.0.1',
          remotePort: 1,
          localPort: 2,
        },
      ],
      [3_999, { kind: 'conn:identified', connId: 1, runId: 1, clientId: '1.1' }],
      [4_000, { kind: 'conn:data', connId: 1, data: btoa('client:process=9'), size: 16 }],
      [5_000, { kind: 'conn:reply', connId: 1, text: 'server got', size: 10 }],
      [8_000, { kind: 'conn:close', connId: 1, cause: 'client', bytesIn: 16, bytesOut: 10 }],
      [9_000, { kind: 'signal:received', signal: 'SIGUSR2', number: 12, source: 'external', pid: 5 }],
      [10_000, { kind: 'client:exit', runId: 1, clientId: '1.1', pid: 9, code: 0, signal: null }],
    ),
  );
  const layout = buildLayout(data.lanes, collapsed);
  const window = { start: 0, end: 12_000 };
  const input = { data, layout, window, scrollY: 0, width: GUTTER_W + 1_212, height: 300, now: 12_000 };
  return buildScene(new Scene(), { ...input, live: false, hover: null, selected: null }, collapsed);
}

describe('hit testing: what the pointer is over', () => {
  const laneY = TOP + GROUP_H + LANE_H / 2;

  it('finds the group header, the lane from its label, and a marker by its time', () => {
    const frame = frameOf();
    expect(hitTest(frame, 300, TOP + GROUP_H / 2)).toEqual({ type: 'group', key: 'run-1', onLabel: false });
    // Its label folds the group; the rest of the header frames the run.
    expect(hitTest(frame, 20, TOP + GROUP_H / 2)).toEqual({ type: 'group', key: 'run-1', onLabel: true });
    expect(hitTest(frame, 40, laneY)).toMatchObject({ type: 'span' });
    const marker = hitTest(frame, xOf(frame.scale, 5_000) + 2, laneY);
    expect(marker?.type).toBe('marker');
    if (marker?.type === 'marker') expect(frame.data.columns.kindAt(marker.index)).toBe('conn:reply');
  });

  it('finds the connection between its markers, the signal across the lane, and nothing past the lane', () => {
    const frame = frameOf();
    expect(hitTest(frame, xOf(frame.scale, 6_800), laneY)).toMatchObject({ type: 'span' });
    const signal = hitTest(frame, xOf(frame.scale, 9_000) + 1, laneY);
    expect(signal?.type).toBe('global');
    expect(hitTest(frame, xOf(frame.scale, 11_500), laneY)).toBeNull();
    expect(hitTest(frame, 300, TOP + GROUP_H + LANE_H * 3)).toBeNull();
  });

  it('leaves a collapsed group with its header only', () => {
    const frame = frameOf(new Set(['run-1']));
    expect(frame.layout.rows).toHaveLength(1);
    expect(hitTest(frame, 300, laneY)).toBeNull();
  });
});
