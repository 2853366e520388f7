import { spawn } from 'node:child_process';
import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LabEvent, LabEventKind, LabEventOf } from '../../contract';
import { type ForkNode, forkWithNode } from '../../main/engine/child-process';
import { type ClientSpawnerDeps, createClientSpawner } from '../../main/engine/client-spawner';
import { createClock } from '../../main/engine/clock';
import { createCounter } from '../../main/engine/counter';
import { createEchoServer, type EchoServer } from '../../main/engine/echo-server';
import { createEventLog, type EventLog } from '../../main/engine/event-log';
import { createProcessRegistry, type ProcessRegistry } from '../../main/engine/process-registry';
import { findPython, type PythonInfo } from '../../main/engine/python';
import { createRunTracker, type RunTracker } from '../../main/engine/run-tracker';
import { childrenDir } from '../paths';
import { TIMEOUT, waitFor } from '../timeouts';

const python = await findPython();

let log: EventLog;
let registry: ProcessRegistry;
let echo: EchoServer;
let tracker: RunTracker;
let events: LabEvent[];
let silent: net.Server | null;

function ofKind<K extends LabEventKind>(kind: K, runId?: number): LabEventOf<K>[] {
  return events.filter(
    (event): event is LabEventOf<K> =>
      event.kind === kind && (runId === undefined || !('runId' in event) || event.runId === runId),
  );
}

/** Polls the recorded events until the run has ended: its clients, each a child process, all exited. */
function runEnd(runId: number, timeoutMs: number = TIMEOUT.clientRun): Promise<LabEventOf<'run:end'>> {
  return waitFor(
    () => ofKind('run:end', runId)[0],
    () => `run ${runId} to end; events: ${JSON.stringify(events.slice(-20))}`,
    timeoutMs,
  );
}

function spawner(overrides: Partial<ClientSpawnerDeps> = {}) {
  return createClientSpawner({
    log,
    registry,
    forkNode: forkWithNode,
    childrenDir,
    python: () => Promise.resolve(python),
    target: () => {
      const status = echo.status();
      return status.listening ? { host: status.host, port: status.port } : null;
    },
    nextRunId: createCounter(),
    ...overrides,
  });
}

const ids = (runId: number, count: number) => Array.from({ length: count }, (_, i) => `${runId}.${i + 1}`);
const sorted = (list: string[]) =>
  [...list].sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]));

/** Every client printed the classic reply to the message it sent, then exited 0. */
function expectAllAnswered(
  runId: number,
  count: number,
  message: (spawn: LabEventOf<'client:spawn'>) => string,
) {
  const spawns = ofKind('client:spawn', runId);
  expect(spawns).toHaveLength(count);
  for (const spawned of spawns) {
    const outputs = ofKind('client:output', runId).filter((out) => out.clientId === spawned.clientId);
    expect(outputs).toEqual([
      expect.objectContaining({
        stream: 'stdout',
        text: `client got: [b"server got: [b'${message(spawned)}']"]`,
      }),
    ]);
    const exit = ofKind('client:exit', runId).find((event) => event.clientId === spawned.clientId);
    expect(exit?.seq).toBeGreaterThan(outputs[0]?.seq ?? Number.POSITIVE_INFINITY);
  }
  const exits = ofKind('client:exit', runId);
  expect(exits).toHaveLength(count);
  for (const exit of exits) expect(exit).toMatchObject({ code: 0, signal: null });
}

beforeEach(async () => {
  events = [];
  silent = null;
  log = createEventLog({ clock: createClock() });
  log.tap((event) => events.push(event));
  registry = createProcessRegistry();
  tracker = createRunTracker({ log });
  echo = createEchoServer({
    log,
    nextConnId: createCounter(),
    host: '127.0.0.1',
    port: 0,
    identify: tracker.identify,
  });
  await echo.start();
});

afterEach(async () => {
  await registry.shutdown(1_000);
  await echo.close();
  await new Promise((resolve) => (silent ? silent.close(resolve) : resolve(null)));
  tracker.close();
  log.close();
});

describe('client spawner', () => {
  it('runs process clients that each get the reply to their own pid, and ends the run with three orders', async () => {
    const { runId } = await spawner().spawn({ count: 5, mode: 'process' });
    const end = await runEnd(runId);
    expectAllAnswered(runId, 5, (spawned) => `client:process=${spawned.pid}`);
    expect(ofKind('run:start', runId)).toEqual([expect.objectContaining({ mode: 'process', count: 5 })]);
    for (const order of [end.accepted, end.replied, end.exited]) expect(sorted(order)).toEqual(ids(runId, 5));
    expect(ofKind('conn:identified', runId)).toHaveLength(5);
  });

  it('runs thread clients in one process, each replying to client:thread=<i>', async () => {
    const { runId } = await spawner().spawn({ count: 5, mode: 'thread' });
    const end = await runEnd(runId);
    expectAllAnswered(runId, 5, (spawned) => `client:thread=${spawned.thread}`);
    const spawns = ofKind('client:spawn', runId);
    expect(new Set(spawns.map((spawned) => spawned.pid)).size).toBe(1);
    expect(spawns.map((spawned) => spawned.thread)).toEqual([1, 2, 3, 4, 5]);
    for (const order of [end.accepted, end.replied, end.exited]) expect(sorted(order)).toEqual(ids(runId, 5));
  });

  it('runs the classic Python client, which prints the bytes repr of the reply', async (ctx) => {
    if (!python.available) ctx.skip(`python mode unavailable: ${python.reason}`);
    const { runId } = await spawner().spawn({ count: 5, mode: 'python' });
    const end = await runEnd(runId);
    expectAllAnswered(runId, 5, (spawned) => `client:process=${spawned.pid}`);
    for (const order of [end.accepted, end.replied, end.exited]) expect(sorted(order)).toEqual(ids(runId, 5));
  });

  it('starts the clients of a classic run back to back even when each spawn is slow, so none starts late', async () => {
    // As on a busy machine, where one spawn blocks for 5-30 ms: longer than a launch slice.
    const slowFork: ForkNode = (script, args) => {
      const until = performance.now() + 12;
      while (performance.now() < until) {}
      return forkWithNode(script, args);
    };
    let launchedBeforeAnyTurn = -1;
    setImmediate(() => {
      launchedBeforeAnyTurn = ofKind('client:spawn').length;
    });
    const { runId } = await spawner({ forkNode: slowFork }).spawn({ count: 5, mode: 'process' });
    await new Promise((resolve) => setImmediate(resolve)); // the turn the probe waits for, if none came yet
    expect(launchedBeforeAnyTurn).toBe(5);
    await runEnd(runId);
    expectAllAnswered(runId, 5, (spawned) => `client:process=${spawned.pid}`);
  });

  it('accounts for all 200 process clients started at once', async () => {
    const { runId } = await spawner().spawn({ count: 200, mode: 'process' });
    const end = await runEnd(runId, TIMEOUT.manyChildren);
    expect(ofKind('client:exit', runId)).toHaveLength(200);
    expect(sorted(end.exited)).toEqual(ids(runId, 200));
    expect(sorted(end.accepted)).toEqual(ids(runId, 200));
    expect(sorted(end.replied)).toEqual(ids(runId, 200));
  });

  it('stops launching when the echo server stops mid-run, and still accounts for every client', async () => {
    const launching = spawner().spawn({ count: 200, mode: 'process' });
    const stopping = echo.stop(); // lands between two launch slices, as a lab shutdown would
    const { runId } = await launching;
    await stopping;
    const end = await runEnd(runId, TIMEOUT.manyChildren);
    expect(sorted(end.exited)).toEqual(ids(runId, 200));
    const started = ofKind('client:spawn', runId).length;
    expect(started).toBeGreaterThan(0);
    expect(started).toBeLessThan(200);
    const notStarted = ofKind('client:output', runId).filter(
      (out) => out.text === 'could not start: the echo server stopped listening',
    );
    expect(notStarted).toHaveLength(200 - started);
  });

  it('refuses to spawn while the echo server is stopped', async () => {
    await echo.stop();
    await expect(spawner().spawn({ count: 1, mode: 'process' })).rejects.toThrow(
      'the echo server is not listening: start it first',
    );
    expect(ofKind('run:start')).toHaveLength(0);
  });

  it('rejects python mode with the reason when python is unavailable', async () => {
    const missing: PythonInfo = { available: false, reason: 'python3 was not found on PATH' };
    await expect(
      spawner({ python: () => Promise.resolve(missing) }).spawn({ count: 2, mode: 'python' }),
    ).rejects.toThrow('python3 was not found on PATH');
    expect(ofKind('run:start')).toHaveLength(0);
  });

  it('reports IPC_SCOPE_PYTHON pointing to a missing file as the reason python is unavailable', async () => {
    const before = process.env.IPC_SCOPE_PYTHON;
    process.env.IPC_SCOPE_PYTHON = '/nonexistent/ipc-scope/python3';
    try {
      const found = await findPython();
      expect(found).toEqual({
        available: false,
        reason: 'IPC_SCOPE_PYTHON (/nonexistent/ipc-scope/python3) was not found',
      });
      await expect(spawner({ python: findPython }).spawn({ count: 1, mode: 'python' })).rejects.toThrow(
        'IPC_SCOPE_PYTHON (/nonexistent/ipc-scope/python3) was not found',
      );
    } finally {
      if (before === undefined) delete process.env.IPC_SCOPE_PYTHON;
      else process.env.IPC_SCOPE_PYTHON = before;
    }
  });

  it('still accounts for a client whose process could not start', async () => {
    const broken: ForkNode = (script, args) =>
      spawn('/nonexistent/ipc-scope/node', [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const { runId } = await spawner({ forkNode: broken }).spawn({ count: 2, mode: 'process' });
    const end = await runEnd(runId);
    expect(end).toMatchObject({ accepted: [], replied: [] });
    expect(sorted(end.exited)).toEqual(ids(runId, 2));
    expect(ofKind('client:exit', runId)).toEqual([
      expect.objectContaining({ pid: 0, code: null, signal: null }),
      expect.objectContaining({ pid: 0, code: null, signal: null }),
    ]);
    const outputs = ofKind('client:output', runId);
    expect(outputs).toHaveLength(2);
    for (const out of outputs) expect(out.text).toMatch(/^could not start: spawn .* ENOENT$/);
  });

  describe('against a server that never answers', () => {
    async function silentTarget(): Promise<{ host: string; port: number }> {
      const server = net.createServer(() => {});
      silent = server;
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const address = server.address() as net.AddressInfo;
      return { host: '127.0.0.1', port: address.port };
    }

    it('reports the signal that killed a waiting process client', async () => {
      const where = await silentTarget();
      const { runId } = await spawner({ target: () => where }).spawn({ count: 2, mode: 'process' });
      for (const spawned of ofKind('client:spawn', runId)) process.kill(spawned.pid, 'SIGKILL');
      const end = await runEnd(runId);
      expect(end).toMatchObject({ accepted: [], replied: [] });
      expect(ofKind('client:exit', runId).map((exit) => exit.signal)).toEqual(['SIGKILL', 'SIGKILL']);
    });

    it('ends every thread with the signal that killed their process', async () => {
      const where = await silentTarget();
      const { runId } = await spawner({ target: () => where }).spawn({ count: 3, mode: 'thread' });
      const pids = new Set(ofKind('client:spawn', runId).map((spawned) => spawned.pid));
      expect(pids.size).toBe(1);
      for (const pid of pids) process.kill(pid, 'SIGTERM');
      const end = await runEnd(runId);
      expect(sorted(end.exited)).toEqual(ids(runId, 3));
      expect(ofKind('client:exit', runId).map((exit) => exit.signal)).toEqual([
        'SIGTERM',
        'SIGTERM',
        'SIGTERM',
      ]);
    });

    it('refuses clients past the live limit, so repeated clicks cannot pile up processes', async () => {
      const where = await silentTarget();
      const limited = spawner({ target: () => where, maxLiveClients: 3 });
      const { runId } = await limited.spawn({ count: 3, mode: 'process' });
      await expect(limited.spawn({ count: 1, mode: 'process' })).rejects.toThrow(
        '3 client processes are still running, and 1 more would pass the limit of 3',
      );
      for (const spawned of ofKind('client:spawn', runId)) process.kill(spawned.pid, 'SIGKILL');
      await runEnd(runId);
      const next = await limited.spawn({ count: 1, mode: 'process' });
      expect(next.runId).toBeGreaterThan(runId);
    });
  });
});
