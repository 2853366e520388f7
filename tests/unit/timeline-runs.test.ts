import { describe, expect, it } from 'vitest';
import type { LabEvent, LabEventBody } from '../../contract/events';
import { frameWindow, newestRun, runSpan, runSpans } from '../../renderer/src/timeline/runs';
import { TimelineData } from '../../renderer/src/timeline/timeline-data';
import { ViewState } from '../../renderer/src/timeline/view-state';

/** Events at the lab times given (µs), numbered in order. */
function at(...timed: [number, LabEventBody][]): LabEvent[] {
  return timed.map(([t, body], i) => ({ ...body, seq: i + 1, t }) as LabEvent);
}

const spawn = (runId: number, clientId: string, pid: number): LabEventBody => ({
  kind: 'client:spawn',
  runId,
  clientId,
  mode: 'process',
  pid,
});
const exit = (runId: number, clientId: string, pid: number): LabEventBody => ({
  kind: 'client:exit',
  runId,
  clientId,
  pid,
  code: 0,
  signal: null,
});

function twoRuns(): TimelineData {
  const data = new TimelineData();
  data.ingest(
    at(
      [1_000_000, { kind: 'run:start', runId: 1, mode: 'process', count: 2 }],
      [1_000_100, spawn(1, '1.1', 11)],
      [1_000_200, spawn(1, '1.2', 12)],
      [1_040_000, exit(1, '1.2', 12)],
      [1_050_000, exit(1, '1.1', 11)],
      [9_000_000, { kind: 'run:start', runId: 2, mode: 'process', count: 1 }],
      [9_000_100, spawn(2, '2.1', 21)],
    ),
  );
  return data;
}

describe('runs on the timeline, and framing one', () => {
  it('spans a run from its first spawn to its last exit, or to now while a client runs', () => {
    const data = twoRuns();
    expect(runSpan(data.lanes, 'run-1', 20_000_000)).toMatchObject({
      runId: 1,
      start: 1_000_100,
      end: 1_050_000,
    });
    expect(runSpan(data.lanes, 'run-2', 9_500_000)).toMatchObject({
      runId: 2,
      start: 9_000_100,
      end: 9_500_000,
    });
    expect(runSpan(data.lanes, 'run-3', 0)).toBeNull();
    expect(runSpans(data.lanes, 9_500_000).map((run) => run.runId)).toEqual([1, 2]);
    expect(newestRun(data.lanes)).toBe(2);
    expect(newestRun(new TimelineData().lanes)).toBe(0);
  });

  it('frames a run with a twentieth of room on each side, and at least a millisecond', () => {
    expect(frameWindow({ start: 1_000, end: 11_000 })).toEqual({ start: 500, end: 11_500 });
    const instant = frameWindow({ start: 5_000, end: 5_000 });
    expect(instant.end - instant.start).toBeCloseTo(1_100);
  });

  it('follows the framed run instead of the whole session, until asked to follow again', () => {
    const view = new ViewState();
    const session = { start: 0, end: 60_000_000 };
    view.framedRun = 2;
    view.update(session, 60_000_000, true, 0, 100, { start: 9_000_000, end: 9_100_000 });
    expect(view.window).toEqual({ start: 9_000_000, end: 9_100_000 });
    view.resumeFollowing();
    expect(view.framedRun).toBeNull();
    view.update(session, 60_000_000, true, 0, 100, null);
    expect(view.window.start).toBeLessThanOrEqual(0);
    expect(view.window.end).toBeGreaterThanOrEqual(60_000_000);
  });
});
