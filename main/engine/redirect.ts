import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { OutputStream, RedirectMode } from '../../contract';
import type { EventLog } from './event-log';
import { createOutputBudget, createOutputForwarder, type OutputForwarder } from './output-cap';
import { PROCESS_GROUPS } from './process-group';
import type { ProcessRegistry } from './process-registry';
import { createRedirectListener, type RedirectConnection } from './redirect-socket';

export interface RedirectorDeps {
  log: EventLog;
  registry: ProcessRegistry;
  nextConnId: () => number;
  nextScriptId: () => number;
  /** Per script and stream; output beyond it is counted, not kept. */
  maxOutputBytes?: number;
  /** How long output may stay open after the script exits: a background grandchild can hold it forever. */
  streamGraceMs?: number;
  /** Scripts running at once; one more is refused. Each holds pipes (file descriptors) and output buffers. */
  maxScripts?: number;
  /** What all live scripts' streams may forward together; each gives its share back when it ends. */
  outputBudgetBytes?: number;
}

export interface RunRequest {
  argv: string[];
  cwd?: string;
  mode: RedirectMode;
  shell?: boolean;
  /** Tell Python to write each print at once (PYTHONUNBUFFERED=1); false clears it, as users' machines have it. */
  unbuffered?: boolean;
}

/**
 * The child's environment: ours, with PYTHONUNBUFFERED set or cleared as asked. Behind a pipe or a socket
 * Python (like C's stdio) holds output until its buffer fills or it exits, the classic redirect gotcha.
 */
export function scriptEnv(unbuffered: boolean): NodeJS.ProcessEnv {
  const { PYTHONUNBUFFERED: _, ...env } = process.env;
  return unbuffered ? { ...env, PYTHONUNBUFFERED: '1' } : env;
}

export interface Redirector {
  run(request: RunRequest): Promise<{ scriptId: number; pid: number }>;
  /** Closes the listener; children are ended by registry.shutdown(). */
  close(): Promise<void>;
}

const DEFAULT_MAX_OUTPUT_BYTES = 4 * 1024 * 1024;
export const DEFAULT_MAX_SCRIPTS = 32;
/** 32 scripts printing at once share this, so their text in flight stays small next to the history. */
export const DEFAULT_OUTPUT_BUDGET_BYTES = 32 * 1024 * 1024;
/** close() waits this long for running scripts to finish before it cuts their output off. */
const CLOSE_GRACE_MS = 5_000;

/** The reason a spawn failed, in words, with its errno code. */
function explain(name: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const words: Record<string, string> = {
    ENOENT: name.includes('/') ? 'no such file' : 'command not found',
    EACCES: 'permission denied',
  };
  const reason = (code && words[code]) ?? (error instanceof Error ? error.message : String(error));
  return `cannot run "${name}": ${reason}${code ? ` (${code})` : ''}`;
}

/** Checked up front: spawn reports a missing cwd as ENOENT, which reads as if the command were missing. */
export async function cwdProblem(cwd: string): Promise<string | null> {
  try {
    return (await stat(cwd)).isDirectory() ? null : `working directory "${cwd}" is not a directory (ENOTDIR)`;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'ERROR';
    if (code === 'ENOENT') return `working directory "${cwd}" does not exist (ENOENT)`;
    return `working directory "${cwd}" cannot be used (${code})`;
  }
}

function closed(stream: Readable): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed) resolve();
    else stream.once('close', () => resolve());
  });
}

export function createRedirector({
  log,
  registry,
  nextConnId,
  nextScriptId,
  maxOutputBytes = DEFAULT_MAX_OUTPUT_BYTES,
  streamGraceMs = 2_000,
  maxScripts = DEFAULT_MAX_SCRIPTS,
  outputBudgetBytes = DEFAULT_OUTPUT_BUDGET_BYTES,
}: RedirectorDeps): Redirector {
  const budget = createOutputBudget(outputBudgetBytes);
  const listener = createRedirectListener({ log, nextConnId });
  const running = new Set<Promise<void>>();
  let starting = 0; // accepted and not yet spawned: with `running`, every live script
  const reading = new Set<Readable>();
  let closing = false;

  /** Reads one stream into its forwarder until it closes. */
  function read(stream: Readable, forwarder: OutputForwarder): Promise<void> {
    reading.add(stream);
    stream.on('data', (chunk: Buffer) => forwarder.push(chunk));
    stream.on('error', () => {
      // A reset pipe or socket just ends the output; 'close' follows.
    });
    return closed(stream).then(() => {
      reading.delete(stream);
      forwarder.end();
    });
  }

  /** Appends script:exit once the child has exited and both outputs have ended, so it is the script's last event. */
  async function finish(scriptId: number, child: ChildProcess, streams: Readable[], ended: Promise<unknown>) {
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve([child.exitCode, child.signalCode]);
      else child.once('exit', (exitCode, exitSignal) => resolve([exitCode, exitSignal]));
    });
    const grace = setTimeout(() => {
      for (const stream of streams) stream.destroy();
    }, streamGraceMs);
    await ended;
    clearTimeout(grace);
    log.append({ kind: 'script:exit', scriptId, pid: child.pid ?? 0, code, signal });
  }

  function start(
    scriptId: number,
    request: RunRequest,
    cwd: string,
    conn: RedirectConnection | null,
  ): Promise<{ scriptId: number; pid: number }> {
    const { argv, mode } = request;
    const shell = request.shell === true;
    const name = shell ? argv.join(' ') : (argv[0] ?? '');
    // Its own process group, so quitting the lab also ends the grandchildren it starts.
    const unbuffered = request.unbuffered !== false;
    const options: SpawnOptions = {
      cwd,
      env: scriptEnv(unbuffered),
      stdio: ['ignore', conn ? conn.client : 'pipe', 'pipe'],
      detached: PROCESS_GROUPS,
    };
    const child = shell
      ? spawn(argv.join(' '), { ...options, shell: true })
      : spawn(argv[0] ?? '', argv.slice(1), { ...options, shell: false });
    // The child holds its own copy now; ours must go so the reader sees EOF when the child exits.
    conn?.client.destroy();
    registry.add(child, 'script', argv[0] ?? '', { group: PROCESS_GROUPS });

    const outputs: [OutputStream, Readable | null][] = [
      ['stdout', conn ? conn.server : child.stdout],
      ['stderr', child.stderr],
    ];
    const streams = outputs.flatMap(([, stream]) => (stream ? [stream] : []));
    const ended = Promise.all(
      outputs.map(([which, stream]) =>
        stream
          ? read(
              stream,
              createOutputForwarder({ log, scriptId, stream: which, limit: maxOutputBytes, budget }),
            )
          : null,
      ),
    );

    return new Promise((resolve, reject) => {
      let spawned = false;
      child.once('spawn', () => {
        spawned = true;
        const pid = child.pid ?? 0;
        log.append({
          kind: 'script:start',
          scriptId,
          argv,
          cwd,
          mode,
          shell,
          pid,
          ...(conn ? { connId: conn.connId } : {}),
          unbuffered,
        });
        const done = finish(scriptId, child, streams, ended).finally(() => running.delete(done));
        running.add(done);
        resolve({ scriptId, pid });
      });
      child.on('error', (error) => {
        if (spawned) return; // e.g. a failed kill(); the exit still comes
        for (const stream of streams) stream.destroy();
        reject(new Error(explain(name, error)));
      });
    });
  }

  return {
    async run(request) {
      const scriptId = nextScriptId();
      const argv = [...request.argv];
      const name = (request.shell ? argv.join(' ') : argv[0]) ?? '';
      const fail = (message: string): Error => {
        log.append({ kind: 'script:error', scriptId, argv, message });
        return new Error(message);
      };
      if (argv.length === 0 || name === '') throw fail('cannot run an empty command');
      if (closing) throw fail(`cannot run "${name}": the lab is shutting down`);
      if (starting + running.size >= maxScripts) {
        throw fail(
          `cannot run "${name}": ${maxScripts} scripts are running, the most the lab runs at once; wait for one to end`,
        );
      }
      starting += 1;
      try {
        // Relative to home, the default, rather than to wherever the app was started.
        const cwd = path.resolve(os.homedir(), request.cwd ?? '');
        const problem = await cwdProblem(cwd);
        if (problem) throw fail(`cannot run "${name}": ${problem}`);

        let conn: RedirectConnection | null = null;
        if (request.mode === 'socket') {
          try {
            conn = await listener.connect();
          } catch (error) {
            throw fail(`cannot run "${name}": no redirect socket (${(error as Error).message})`);
          }
        }
        try {
          if (closing) throw new Error(`cannot run "${name}": the lab is shutting down`);
          return await start(scriptId, { ...request, argv }, cwd, conn);
        } catch (error) {
          conn?.client.destroy();
          conn?.server.destroy();
          const known = error instanceof Error && error.message.startsWith('cannot run');
          throw fail(known ? error.message : explain(name, error));
        }
      } finally {
        starting -= 1;
      }
    },
    async close() {
      closing = true;
      let timer: NodeJS.Timeout | undefined;
      const graceOver = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, CLOSE_GRACE_MS);
      });
      await Promise.race([Promise.all(running), graceOver]);
      clearTimeout(timer);
      for (const stream of reading) stream.destroy();
      await listener.close();
    },
  };
}
