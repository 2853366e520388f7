// Shared by the reliability suites: a bridge over a real session, and the web host.
import { type ChildProcess, spawn } from 'node:child_process';
import { request } from 'node:http';
import path from 'node:path';
import { createInterface } from 'node:readline';
import WebSocket from 'ws';
import type {
  Bridge,
  CommandResult,
  HostMessage,
  LabEvent,
  LabEventKind,
  LabEventOf,
  Reply,
} from '../../contract';
import type { Lab } from '../../main/engine/lab';
import { openSession, type Session } from '../../main/engine/session';
import { outDir } from '../paths';
import { TIMEOUT, waitFor } from '../timeouts';

export function ofKind<K extends LabEventKind>(events: readonly LabEvent[], kind: K): LabEventOf<K>[] {
  return events.filter((event): event is LabEventOf<K> => event.kind === kind);
}

/** The real host path in-process: a session over the lab, seen through the Bridge interface. */
export function sessionBridge(lab: Lab): { bridge: Bridge; session: Session } {
  const listeners = new Set<(batch: LabEvent[]) => void>();
  const session = openSession(lab, {
    send(batch) {
      for (const listener of listeners) listener(batch);
    },
    ready: () => true,
  });
  const bridge: Bridge = {
    async invoke(name, payload) {
      const reply = await session.dispatch(name, payload);
      if (!reply.ok) throw new Error(reply.error);
      return reply.value as CommandResult<typeof name>;
    },
    onEvents(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onMenuAction: () => () => {},
    onSessionFile: () => () => {},
  };
  return { bridge, session };
}

export interface LabSocket {
  ws: WebSocket;
  /** Every event batch received, flattened, in order. */
  events: LabEvent[];
  command(name: string, payload: unknown, ms?: number): Promise<Reply<unknown>>;
  /** Sends a frame exactly as given and waits for the reply to `id`: for JSON that JSON.stringify cannot make. */
  raw(text: string, id: number, ms?: number): Promise<Reply<unknown>>;
  close(): void;
}

/** A WebSocket client of a web host, as the renderer's bridge talks to it. */
export async function labSocket(uiUrl: string, headers: Record<string, string> = {}): Promise<LabSocket> {
  const page = new URL(uiUrl);
  const ws = new WebSocket(`ws://${page.host}/ws?token=${page.searchParams.get('token')}`, { headers });
  const events: LabEvent[] = [];
  const waiting = new Map<number, (reply: Reply<unknown>) => void>();
  let nextId = 1;
  let lastSeq = 0;
  const take = (batch: LabEvent[]) => {
    for (const event of batch) {
      if (event.seq <= lastSeq) continue;
      lastSeq = event.seq;
      events.push(event);
    }
  };
  ws.on('message', (data) => {
    const message = JSON.parse(data.toString()) as HostMessage;
    // The history follows the hello reply as event batches, like the live ones after it.
    if (message.type === 'events') take(message.events);
    else waiting.get(message.id)?.(message.reply);
  });
  const raw = (text: string, id: number, ms: number = TIMEOUT.io) =>
    new Promise<Reply<unknown>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no reply to ${id} within ${ms} ms`)), ms);
      waiting.set(id, (reply) => {
        clearTimeout(timer);
        waiting.delete(id);
        resolve(reply);
      });
      ws.send(text);
    });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return {
    ws,
    events,
    command(name, payload, ms: number = TIMEOUT.io) {
      const id = nextId++;
      return raw(JSON.stringify({ type: 'command', id, name, payload }), id, ms);
    },
    raw,
    close: () => ws.close(),
  };
}

export interface Serve {
  child: ChildProcess;
  pid: number;
  /** Everything it printed, stdout and stderr, line by line. */
  lines: string[];
  uiUrl: string;
  echo: string;
  exited: Promise<number | null>;
}

/**
 * Starts out/web/serve.mjs as `npm run serve` would; `detached` gives it a process group of its own, so a
 * test can send SIGINT to the whole group, as a terminal's Ctrl-C does. Resolves once it has printed its
 * ui line, or rejects with what it printed if it exits first.
 */
export async function spawnServe(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; detached?: boolean } = {},
): Promise<Serve> {
  const child = spawn(process.execPath, [path.join(outDir, 'web/serve.mjs'), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: options.env ?? process.env,
    detached: options.detached ?? false,
  });
  const lines: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream! }).on('line', (line) => lines.push(line));
  }
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const field = (name: string) => lines.find((line) => line.startsWith(`${name}: `))?.slice(name.length + 2);
  const uiUrl = await Promise.race([
    waitFor(
      field.bind(null, 'ui'),
      () => `serve to print its ui line:\n${lines.join('\n')}`,
      TIMEOUT.hostStart,
    ),
    exited.then((code) => {
      throw new Error(`serve exited with ${code}:\n${lines.join('\n')}`);
    }),
  ]).catch((error: unknown) => {
    child.kill('SIGKILL'); // a host that never said where it listens is no use to the test, and must not outlive it
    throw error;
  });
  return { child, pid: child.pid ?? 0, lines, uiUrl, echo: field('echo') ?? '', exited };
}

/** Runs serve to its exit: for arguments it must refuse. */
export async function serveRefusal(args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [path.join(outDir, 'web/serve.mjs'), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT.child);
  const code = await new Promise<number | null>((resolve) =>
    child.once('close', (exitCode) => resolve(exitCode)),
  );
  clearTimeout(timer);
  return { code, output };
}

/** The status of a GET to the web host on loopback, with the headers given (Host, Origin, cookie). */
export function httpStatus(
  port: number,
  urlPath: string,
  headers: Record<string, string> = {},
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: urlPath, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}
