// A traced program in the timeline: a group per trace, a lane per thread and per socket or pipe.
import { describe, expect, it } from 'vitest';
import type { LabEventBody } from '../../contract/events';
import { traceGroupKey } from '../../renderer/src/timeline/lane-model';
import { TimelineData } from '../../renderer/src/timeline/timeline-data';
import { stamp } from './fake-lab';
import { traceEvents } from './trace-fixture';

function timelineOf(bodies: LabEventBody[]) {
  const data = new TimelineData();
  data.ingest(stamp(...bodies));
  const group = data.lanes.groups.get(traceGroupKey(1));
  const lanes = (group?.lanes ?? []).map((id) => data.lanes.lanes.get(id)!);
  return { data, group, lanes };
}

describe('traced events in the timeline', () => {
  it("gives socket_preview.py's threads a lane each, and each TCP socket a lane from first use to close", () => {
    const { group, lanes } = timelineOf(traceEvents('socket_preview'));
    expect(group).toMatchObject({ kind: 'trace', title: 'Trace #1 · python3 socket_preview.py' });
    const threads = lanes.filter((lane) => /^(pid|tid) \d+$/.test(lane.label));
    expect(threads).toHaveLength(7);
    expect(threads[0]).toMatchObject({ label: 'pid 22784', detail: 'python3 socket_preview.py' });
    expect(threads.filter((lane) => lane.detail === 'thread of 22784')).toHaveLength(6);
    const accepted = lanes.filter(
      (lane) => lane.label === 'TCP :50461' && /^→ :\d+ · fd \d+ of 22784$/.test(lane.detail),
    );
    expect(accepted).toHaveLength(5);
    const clients = lanes.filter((lane) => lane.detail.startsWith('→ :50461 · '));
    expect(clients).toHaveLength(5);
    for (const lane of clients) {
      expect(lane.exitText).toMatch(/^close\(\) by tid \d+$/);
      expect(lane.markers.length).toBeGreaterThanOrEqual(2); // its send and its recv
    }
  });

  it('ends the lanes of what never closed or exited when the trace ends', () => {
    const end: LabEventBody = {
      kind: 'trace:end',
      traceId: 1,
      reason: 'stopped',
      code: null,
      signal: 'SIGTERM',
      message: null,
      unparsed: 0,
      dropped: 0,
      skipped: 0,
    };
    const { lanes } = timelineOf([...traceEvents('signal1'), end]);
    expect(lanes.length).toBeGreaterThan(0);
    for (const lane of lanes) expect(Number.isNaN(lane.exitT)).toBe(false);
  });
});
