import { describe, expect, it } from 'vitest';
import { alignRuns } from '../../renderer/src/clients/run-timing';
import type { Client, Run } from '../../renderer/src/store/clients-slice';

const run = (runId: number, ended: boolean): Run => ({
  runId,
  mode: 'process',
  count: 2,
  startedAt: 0,
  endedAt: ended ? 1 : null,
  accepted: null,
  replied: null,
  exited: null,
});

/** A client of `runId` at `position`, with its times in µs on the lab's clock. */
function client(
  runId: number,
  position: number,
  times: { spawn: number; reply?: number; exit?: number; code?: number; signal?: string },
): Client {
  return {
    clientId: `${runId}.${position}`,
    runId,
    mode: 'process',
    pid: 1000 + position,
    thread: null,
    spawnedAt: times.spawn,
    stdout: [],
    stderr: [],
    droppedLines: 0,
    reply:
      times.reply === undefined
        ? null
        : `client got: [b"server got: [b'client:process=${1000 + position}']"]`,
    repliedAt: times.reply ?? null,
    exit:
      times.exit === undefined
        ? null
        : { code: times.code ?? 0, signal: times.signal ?? null, t: times.exit },
    connId: null,
  };
}

const byId = (clients: Client[]) => new Map(clients.map((c) => [c.clientId, c]));

describe('runs aligned at their first spawn', () => {
  it('puts each run on its own first spawn, in ms, clients in start order, and scales to the longest', () => {
    const clients = byId([
      client(1, 2, { spawn: 5_000_300, reply: 5_040_300, exit: 5_050_300 }),
      client(1, 1, { spawn: 5_000_000, reply: 5_030_000, exit: 5_060_000 }),
      client(2, 1, { spawn: 9_000_000, reply: 9_010_000, exit: 9_090_000, code: 1 }),
      client(2, 2, { spawn: 9_001_000, exit: 9_020_000, signal: 'SIGKILL' }),
    ]);
    const timings = alignRuns([run(1, true), run(2, true)], clients, 10);
    expect(timings.runs.map((r) => r.runId)).toEqual([2, 1]); // newest first
    const [second, first] = timings.runs;
    expect(first?.clients).toEqual([
      { clientId: '1.1', position: 1, spawnMs: 0, replyMs: 30, exitMs: 60, failed: false },
      { clientId: '1.2', position: 2, spawnMs: 0.3, replyMs: 40.3, exitMs: 50.3, failed: false },
    ]);
    expect(second?.clients.map((c) => [c.spawnMs, c.replyMs, c.exitMs, c.failed])).toEqual([
      [0, 10, 90, true],
      [1, null, 20, true],
    ]);
    expect(timings.spanMs).toBe(90);
  });

  it('leaves out runs still going and runs with no clients kept, and keeps only the newest `limit`', () => {
    const clients = byId([
      client(1, 1, { spawn: 0, exit: 10_000 }),
      client(2, 1, { spawn: 0, exit: 5_000 }),
      client(3, 1, { spawn: 0 }),
    ]);
    const timings = alignRuns([run(1, true), run(2, true), run(3, false), run(4, true)], clients, 3);
    expect(timings.runs.map((r) => r.runId)).toEqual([2, 1]);
    expect(alignRuns([run(1, true), run(2, true)], clients, 1).runs.map((r) => r.runId)).toEqual([2]);
    expect(alignRuns([run(1, true)], clients, 1).spanMs).toBe(10);
  });
});
