import { spawn as spawnProcess } from 'node:child_process';
import path from 'node:path';
import type { ClientMode, OutputStream } from '../../contract';
import { MAX_CLIENTS } from '../../contract';

/** Client processes alive at once, across runs: clicks must not add up to a fork bomb. */
const MAX_LIVE_CLIENTS = 1_000;

import type { ChildLike, ForkNode } from './child-process';
import { watchChild } from './client-watch';
import type { EventLog } from './event-log';
import type { ProcessRegistry } from './process-registry';
import type { PythonInfo } from './python';

export interface ClientSpawnerDeps {
  log: EventLog;
  registry: ProcessRegistry;
  /** Client processes alive at once; MAX_LIVE_CLIENTS unless a test needs a small one. */
  maxLiveClients?: number;
  forkNode: ForkNode;
  /** Folder of the built children: echo-client.cjs, thread-clients.cjs, echo_client.py. */
  childrenDir: string;
  python: () => Promise<PythonInfo>;
  /** Where the echo server listens, or null when it does not. */
  target: () => { host: string; port: number } | null;
  nextRunId: () => number;
}

export interface SpawnRequest {
  count: number;
  mode: ClientMode;
}

export interface ClientSpawner {
  /** Starts every client of a run at once; resolves once all are launched, not when they finish. */
  spawn(request: SpawnRequest): Promise<{ runId: number }>;
  /** Resolves once every client has its client:exit (its output read to the end), or after limitMs. */
  settled(limitMs?: number): Promise<void>;
}

// How long one slice of launches may hold the event loop.
const LAUNCH_SLICE_MS = 20;
/**
 * A run's first clients start back to back, however long each spawn takes (5-30 ms on a busy machine), as
 * the classic example's loop starts them: a break in their launch would hand the race to those before it.
 */
const RACE_TOGETHER = 10;
const THREAD_EXIT = /^thread (\d+) exited (-?\d+)$/;
const THREAD_MENTION = /\bthread[= ](\d+)\b/;

export function createClientSpawner(deps: ClientSpawnerDeps): ClientSpawner {
  const { log, registry } = deps;
  // Clients whose client:exit is still to come, so a shutdown can wait until each is accounted for.
  const outstanding = new Set<string>();
  let whenSettled: (() => void)[] = [];

  function reportExit(
    runId: number,
    clientId: string,
    pid: number,
    code: number | null,
    signal: string | null,
  ) {
    log.append({ kind: 'client:exit', runId, clientId, pid, code, signal });
    outstanding.delete(clientId);
    if (outstanding.size > 0) return;
    for (const resolve of whenSettled) resolve();
    whenSettled = [];
  }

  function failed(runId: number, clientId: string, message: string): void {
    log.append({
      kind: 'client:output',
      runId,
      clientId,
      stream: 'stderr',
      text: `could not start: ${message}`,
    });
    // pid 0: the client never had a process, but it is still accounted for.
    reportExit(runId, clientId, 0, null, null);
  }

  function launch(runId: number, mode: ClientMode, clientId: string, start: () => ChildLike): void {
    outstanding.add(clientId);
    watchChild(start, {
      started(child, pid) {
        registry.add(child, 'client', `${mode} client ${clientId}`);
        log.append({ kind: 'client:spawn', runId, clientId, mode, pid });
      },
      line(stream, text) {
        log.append({ kind: 'client:output', runId, clientId, stream, text });
      },
      ended(pid, code, signal) {
        reportExit(runId, clientId, pid, code, signal);
      },
      failed: (message) => failed(runId, clientId, message),
    });
  }

  /**
   * One OS process per client: process and python modes. Each spawn blocks the event loop (~5-30 ms under
   * load), so past the first RACE_TOGETHER they are launched in slices, yielding between slices so the
   * server keeps accepting and the UI keeps drawing.
   */
  async function spawnEach(runId: number, mode: ClientMode, count: number, start: () => ChildLike) {
    let i = 1;
    while (i <= count) {
      const sliceEnd = performance.now() + LAUNCH_SLICE_MS;
      do {
        launch(runId, mode, `${runId}.${i}`, start);
        i += 1;
      } while (i <= count && (i <= RACE_TOGETHER || performance.now() < sliceEnd));
      if (i > count) return;
      await new Promise((resolve) => setImmediate(resolve));
      // Stopping the server (or the lab shutting down) ends the launch: no child starts after shutdown.
      if (deps.target() === null) {
        for (; i <= count; i++) failed(runId, `${runId}.${i}`, 'the echo server stopped listening');
      }
    }
  }

  /** One process, one client per worker thread; the child reports each thread's exit on stderr. */
  function spawnThreads(runId: number, count: number, start: () => ChildLike): void {
    const ids = Array.from({ length: count }, (_, i) => `${runId}.${i + 1}`);
    for (const clientId of ids) outstanding.add(clientId);
    const exited = new Set<string>();
    let processPid = 0;

    function threadId(text: string): string {
      const thread = Number(THREAD_MENTION.exec(text)?.[1]);
      // Lines that name no thread (the process's own errors) go to the first client.
      return ids[thread - 1] ?? (ids[0] as string);
    }

    function exitThread(clientId: string, code: number | null, signal: string | null): void {
      if (exited.has(clientId)) return;
      exited.add(clientId);
      reportExit(runId, clientId, processPid, code, signal);
    }

    watchChild(start, {
      started(child, pid) {
        processPid = pid;
        registry.add(child, 'client', `thread clients of run ${runId}`);
        ids.forEach((clientId, i) => {
          log.append({ kind: 'client:spawn', runId, clientId, mode: 'thread', pid, thread: i + 1 });
        });
      },
      line(stream: OutputStream, text) {
        const exit = stream === 'stderr' ? THREAD_EXIT.exec(text) : null;
        if (!exit) {
          log.append({ kind: 'client:output', runId, clientId: threadId(text), stream, text });
          return;
        }
        const clientId = ids[Number(exit[1]) - 1];
        // stdout and stderr are separate pipes: wait one turn so the thread's last stdout line comes first.
        if (clientId) setImmediate(() => exitThread(clientId, Number(exit[2]), null));
      },
      ended(_pid, code, signal) {
        // Threads the process did not report (it was killed, or crashed) end with the process.
        setImmediate(() => {
          for (const clientId of ids) exitThread(clientId, code, signal);
        });
      },
      failed(message) {
        for (const clientId of ids) failed(runId, clientId, message);
      },
    });
  }

  return {
    settled(limitMs = 2_000) {
      if (outstanding.size === 0) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, limitMs);
        whenSettled.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
    async spawn({ count, mode }) {
      if (!Number.isInteger(count) || count < 1 || count > MAX_CLIENTS) {
        throw new Error(`count must be a whole number from 1 to ${MAX_CLIENTS}, got ${count}`);
      }
      let python: string | null = null;
      if (mode === 'python') {
        const found = await deps.python();
        if (!found.available) throw new Error(found.reason);
        python = found.executable;
      }
      const limit = deps.maxLiveClients ?? MAX_LIVE_CLIENTS;
      const running = registry.list().filter((child) => child.role === 'client').length;
      const adding = mode === 'thread' ? 1 : count;
      if (running + adding > limit) {
        throw new Error(
          `${running} client processes are still running, and ${adding} more would pass the limit of ${limit}: wait for them to exit, or signal them`,
        );
      }
      const target = deps.target();
      if (!target) throw new Error('the echo server is not listening: start it first');
      const { host, port } = target;
      const runId = deps.nextRunId();
      log.append({ kind: 'run:start', runId, mode, count });

      const script = (name: string) => path.join(deps.childrenDir, name);
      if (mode === 'thread') {
        spawnThreads(runId, count, () =>
          deps.forkNode(script('thread-clients.cjs'), [host, String(port), String(count)]),
        );
      } else if (python !== null) {
        const executable = python;
        await spawnEach(runId, mode, count, () =>
          spawnProcess(executable, [script('echo_client.py'), host, String(port)], {
            stdio: ['ignore', 'pipe', 'pipe'],
            env: { ...process.env, PYTHONUNBUFFERED: '1' },
            windowsHide: true,
          }),
        );
      } else {
        await spawnEach(runId, mode, count, () =>
          deps.forkNode(script('echo-client.cjs'), [host, String(port)]),
        );
      }
      return { runId };
    },
  };
}
