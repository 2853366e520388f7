import { describe, expect, it } from 'vitest';
import type { Run } from '../../renderer/src/store/clients-slice';
import type { Connection } from '../../renderer/src/store/connections-slice';
import { buildTimeline, TIMELINE_LIMIT } from '../../renderer/src/store/timeline-groups';

function conn(
  connId: number,
  openedAt: number,
  closedAt: number | null,
  extra: Partial<Connection> = {},
): Connection {
  return {
    connId,
    role: 'echo',
    peer: '127.0.0.1:1',
    localPort: 5000,
    openedAt,
    closedAt,
    cause: closedAt === null ? null : 'client',
    bytesIn: 0,
    bytesOut: 0,
    reply: null,
    error: null,
    runId: null,
    clientId: null,
    ...extra,
  };
}

const run: Run = {
  runId: 1,
  mode: 'process',
  count: 2,
  startedAt: 0,
  endedAt: null,
  accepted: null,
  replied: null,
  exited: null,
};

describe('buildTimeline', () => {
  it('groups connections by run, then strangers, then script sockets, on one axis', () => {
    const connections = new Map([
      [1, conn(1, 100, 300, { runId: 1, clientId: '1.1' })],
      [2, conn(2, 150, null)],
      [3, conn(3, 200, 250, { runId: 1, clientId: '1.2' })],
      [4, conn(4, 400, 900, { role: 'redirect' })],
    ]);
    const timeline = buildTimeline(connections, new Map([[1, run]]), 1_000);
    expect(timeline.groups.map((group) => [group.title, group.connections.map((c) => c.connId)])).toEqual([
      ['Run 1: 2 process clients', [1, 3]],
      ['Other connections (not from a spawned client)', [2]],
      ['Script stdout sockets', [4]],
    ]);
    expect(timeline).toMatchObject({ start: 100, end: 1_000, drawn: 4, hidden: 0 });
  });

  it('draws only the newest connections past the limit and counts the rest', () => {
    const connections = new Map(
      Array.from({ length: TIMELINE_LIMIT + 7 }, (_, i) => [i + 1, conn(i + 1, i, i + 1)] as const),
    );
    const timeline = buildTimeline(connections, new Map(), 0);
    expect(timeline).toMatchObject({ drawn: TIMELINE_LIMIT, hidden: 7, start: 7 });
  });
});
