import { describe, expect, it } from 'vitest';
import type { LabEvent, LabEventBody } from '../../contract/events';
import { EXTERNAL_GROUP, REDIRECT_GROUP } from '../../renderer/src/timeline/lane-model';
import { Mark } from '../../renderer/src/timeline/marks';
import { TimelineData } from '../../renderer/src/timeline/timeline-data';
import { TEST_TIMEOUT } from '../timeouts';
import { connOpen } from './event-bodies';
import { syntheticList } from './timeline-synthetic';

function stamper() {
  let seq = 0;
  return (...bodies: LabEventBody[]): LabEvent[] =>
    bodies.map((body) => {
      seq += 1;
      return { ...body, seq, t: seq * 100 } as LabEvent;
    });
}

describe('timeline data: lanes grouped by run, fed from event batches', {
  timeout: TEST_TIMEOUT.millions,
}, () => {
  it("moves a spawned client's connection onto its lane in the run's group once identified", () => {
    const stamp = stamper();
    const data = new TimelineData();
    data.ingest(
      stamp(
        { kind: 'run:start', runId: 1, mode: 'process', count: 1 },
        { kind: 'client:spawn', runId: 1, clientId: '1.1', mode: 'process', pid: 50 },
        connOpen(1),
      ),
    );
    expect(data.lanes.groups.get(EXTERNAL_GROUP)?.lanes).toHaveLength(1);
    data.ingest(
      stamp(
        { kind: 'conn:identified', connId: 1, runId: 1, clientId: '1.1' },
        { kind: 'conn:data', connId: 1, data: btoa('client:process=50'), size: 17 },
        { kind: 'conn:reply', connId: 1, text: "server got: [b'client:process=50']", size: 34 },
        { kind: 'conn:extra', connId: 1, data: btoa('more'), size: 4 },
        { kind: 'conn:close', connId: 1, cause: 'client', bytesIn: 21, bytesOut: 34 },
      ),
    );
    expect(data.lanes.groups.has(EXTERNAL_GROUP)).toBe(false);
    const run = data.lanes.groups.get('run-1');
    expect(run?.title).toBe('Run 1 · 1 process client');
    expect(run?.lanes).toHaveLength(1);
    const lane = data.lanes.forConn(1);
    expect(lane?.clientId).toBe('1.1');
    expect(lane?.spawnT).toBe(200);
    expect(lane?.cause).toBe('client');
    expect(lane?.bytesIn).toBe(21);
    const marks = Array.from({ length: lane?.markers.length ?? 0 }, (_, i) =>
      data.markAt(lane?.markers.at(i) ?? -1),
    );
    expect(marks).toEqual([Mark.Spawn, Mark.DataIn, Mark.Reply]);
    expect(lane?.bulk.length).toBe(1);
    expect(data.lanes.connectionCount).toBe(1);
  });

  it('keeps external clients and script sockets in groups of their own', () => {
    const stamp = stamper();
    const data = new TimelineData();
    data.ingest(
      stamp(
        connOpen(1),
        { kind: 'conn:peer', connId: 1, pid: 900, command: 'nc' },
        {
          kind: 'script:start',
          scriptId: 4,
          argv: ['./x.sh'],
          cwd: '/',
          mode: 'socket',
          shell: false,
          pid: 5,
          connId: 2,
        },
        connOpen(2, 'redirect'),
        { kind: 'script:output', scriptId: 4, stream: 'stdout', text: 'one\n' },
      ),
    );
    expect(data.lanes.forConn(1)?.groupKey).toBe(EXTERNAL_GROUP);
    expect(data.lanes.forConn(1)?.detail).toBe('nc · pid 900');
    const script = data.lanes.forConn(2);
    expect(script?.groupKey).toBe(REDIRECT_GROUP);
    expect(script?.label).toBe('script 4');
    expect(script?.bulk.length).toBe(1);
  });

  it('draws signal deliveries and alarms across every lane', () => {
    const stamp = stamper();
    const data = new TimelineData();
    data.ingest(
      stamp(
        { kind: 'signal:received', signal: 'SIGUSR2', number: 12, source: 'external', pid: 1 },
        { kind: 'alarm:armed', seconds: 5, repeat: false, deadline: 5_000_300, previousRemaining: 0 },
        { kind: 'target:signal', pid: 3, signal: 'SIGUSR1', number: 10, line: 'got it' },
      ),
    );
    const marks = Array.from({ length: data.global.length }, (_, i) => data.markAt(data.global.at(i)));
    expect(marks).toEqual([Mark.Signal, Mark.AlarmArmed, Mark.TargetSignal]);
  });

  it('evicts the oldest events past its capacity, counts them, and lets finished lanes go', () => {
    const data = new TimelineData({ capacity: 64, blockBits: 4 });
    const events = syntheticList({ connections: 20, events: 300 });
    data.ingest(events);
    expect(data.columns.size).toBeLessThanOrEqual(64);
    expect(data.evicted).toBe(events.length - data.columns.size);
    expect(data.lanes.connectionCount).toBeLessThan(20);
    for (const lane of data.lanes.lanes.values()) {
      if (lane.markers.length > 0) expect(lane.markers.at(0)).toBeGreaterThanOrEqual(data.columns.first);
    }
  });

  it('holds a million events and ten thousand connections in columns', () => {
    const data = new TimelineData();
    const batch: LabEvent[] = [];
    for (const event of syntheticList({ connections: 10_000, events: 1_000_000 })) {
      batch.push(event);
      if (batch.length === 1_000) data.ingest(batch.splice(0));
    }
    data.ingest(batch);
    expect(data.columns.size).toBe(1_000_000);
    expect(data.evicted).toBe(0);
    expect(data.lanes.connectionCount).toBe(10_000);
    expect(data.lanes.groups.size).toBe(2_000);
  });
});
