import { describe, expect, it } from 'vitest';
import type { LabEvent } from '../../contract/events';
import { EventColumns } from '../../renderer/src/timeline/event-columns';
import { IndexList } from '../../renderer/src/timeline/index-list';
import { syntheticList } from './timeline-synthetic';

const varied: LabEvent[] = [
  { kind: 'run:start', runId: 1, mode: 'thread', count: 2, seq: 1, t: 10 },
  { kind: 'client:spawn', runId: 1, clientId: '1.1', mode: 'thread', pid: 77, thread: 1, seq: 2, t: 11.5 },
  { kind: 'client:spawn', runId: 1, clientId: '1.2', mode: 'process', pid: 78, seq: 3, t: 12 },
  {
    kind: 'client:exit',
    runId: 1,
    clientId: '1.2',
    pid: 78,
    code: null,
    signal: 'SIGKILL',
    seq: 4,
    t: 2 ** 40,
  },
  { kind: 'run:end', runId: 1, accepted: ['1.2', '1.1'], replied: [], exited: ['1.1'], seq: 5, t: 20 },
  {
    kind: 'script:start',
    scriptId: 3,
    argv: ['sh', '-c', 'echo "hé"'],
    cwd: '/tmp',
    mode: 'socket',
    shell: false,
    pid: -1,
    connId: 9,
    seq: 6,
    t: 21,
  },
  {
    kind: 'alarm:armed',
    seconds: 0.25,
    repeat: true,
    deadline: 1e15 + 0.5,
    previousRemaining: 0,
    seq: 7,
    t: 22,
  },
  { kind: 'conn:data', connId: 9, data: 'AAEC/w==', size: 4, seq: 8, t: 23 },
];

describe('timeline columns: events stored in typed-array blocks', () => {
  it('writes every event back exactly as it came, key order included', () => {
    const columns = new EventColumns();
    const indices = varied.map((event) => columns.append(event));
    for (const [i, event] of varied.entries()) {
      expect(JSON.stringify(columns.decode(indices[i] as number))).toBe(JSON.stringify(event));
    }
  });

  it('keeps kind, seq and time in columns for drawing without decoding', () => {
    const columns = new EventColumns();
    for (const event of varied) columns.append(event);
    expect(columns.kindAt(3)).toBe('client:exit');
    expect(columns.seqAt(3)).toBe(4);
    expect(columns.tAt(3)).toBe(2 ** 40);
  });

  it('evicts whole blocks oldest first while indices stay the same', () => {
    const columns = new EventColumns(4); // 16 events a block
    const events = syntheticList({ connections: 10, events: 100 });
    for (const event of events) columns.append(event);
    expect(columns.first).toBe(0);
    expect(columns.evictOldestBlock()).toBe(16);
    expect(columns.first).toBe(16);
    expect(columns.size).toBe(events.length - 16);
    expect(JSON.stringify(columns.decode(40))).toBe(JSON.stringify(events[40]));
  });

  it('hands out the events retained when it began, whatever arrives or is evicted while it is read', () => {
    const columns = new EventColumns(4);
    const events = syntheticList({ connections: 10, events: 100 });
    for (const event of events.slice(0, 40)) columns.append(event);
    const read: LabEvent[] = [];
    for (const event of columns.retained()) {
      read.push(event);
      // An export yields to the page: live events come in and the oldest block goes meanwhile.
      if (read.length === 5) {
        for (const later of events.slice(40, 60)) columns.append(later);
        columns.evictOldestBlock();
      }
    }
    expect(read.map((event) => event.seq)).toEqual(events.slice(0, 40).map((event) => event.seq));
  });

  it('finds the first event at or after a time by binary search across blocks', () => {
    const columns = new EventColumns(3);
    const events = syntheticList({ connections: 5, events: 60 });
    for (const event of events) columns.append(event);
    const target = (events[37] as LabEvent).t;
    const found = columns.lowerBound(target);
    expect(columns.tAt(found)).toBeGreaterThanOrEqual(target);
    expect(found === 0 || columns.tAt(found - 1) < target).toBe(true);
  });
});

describe('index lists: growable typed arrays of event indices', () => {
  it('grows past its first capacity and drops its front below an index', () => {
    const list = new IndexList(2);
    for (let i = 0; i < 100; i++) list.push(i * 2);
    expect(list.length).toBe(100);
    list.dropBelow(51);
    expect(list.length).toBe(74);
    expect(list.at(0)).toBe(52);
    expect(list.last()).toBe(198);
  });

  it('merges two sorted lists into one', () => {
    const a = new IndexList();
    const b = new IndexList();
    for (const i of [1, 4, 9]) a.push(i);
    for (const i of [2, 3, 10]) b.push(i);
    const merged = IndexList.merge(a, b);
    expect(Array.from({ length: merged.length }, (_, i) => merged.at(i))).toEqual([1, 2, 3, 4, 9, 10]);
  });
});
