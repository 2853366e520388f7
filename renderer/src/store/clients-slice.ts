import type { ClientMode } from '../../../contract/events';
import { ListDraft, MapDraft } from './draft';
import type { BeginBatch, SliceContext } from './slice';

export interface Run {
  runId: number;
  mode: ClientMode;
  count: number;
  startedAt: number;
  endedAt: number | null;
  /** Client ids in the order the server accepted, replied to, and saw them exit (from run:end). */
  accepted: readonly string[] | null;
  replied: readonly string[] | null;
  exited: readonly string[] | null;
}

export interface ClientExit {
  code: number | null;
  signal: string | null;
  t: number;
}

export interface Client {
  clientId: string;
  runId: number;
  mode: ClientMode;
  pid: number;
  thread: number | null;
  spawnedAt: number;
  /** The newest lines the client printed, stdout and stderr apart. */
  stdout: readonly string[];
  stderr: readonly string[];
  droppedLines: number;
  /** The `client got: ...` line exactly as printed, once it arrives. */
  reply: string | null;
  repliedAt: number | null;
  exit: ClientExit | null;
  connId: number | null;
}

/** A client failed when it printed no reply, or exited with anything but 0; one still running has not. */
export function clientFailed(client: Client): boolean {
  if (!client.exit) return false;
  return client.reply === null || client.exit.code !== 0 || client.exit.signal !== null;
}

export interface ClientsData {
  runs: ReadonlyMap<number, Run>;
  clients: ReadonlyMap<string, Client>;
  /** Client ids in the order their replies arrived; the newest REPLY_ROW_LIMIT are kept. */
  replyOrder: readonly string[];
  repliesTrimmed: number;
}

export interface ClientsSlice extends ClientsData {
  spawnClients(count: number, mode: ClientMode): Promise<void>;
}

const CLIENT_LINE_LIMIT = 50;
const REPLY_ROW_LIMIT = 1_000;
const REPLY_PREFIX = 'client got: ';

const initialClients: ClientsData = {
  runs: new Map(),
  clients: new Map(),
  replyOrder: [],
  repliesTrimmed: 0,
};

export function createClientsSlice({ command }: SliceContext): ClientsSlice {
  return {
    ...initialClients,
    async spawnClients(count, mode) {
      await command('clients:spawn', { count, mode });
    },
  };
}

/** The `client got: ...` line in a chunk of a client's stdout, if there is one. */
export function replyLineIn(text: string): string | undefined {
  return text.split(/\r?\n/).find((line) => line.startsWith(REPLY_PREFIX));
}

function copyClient(client: Client): Client {
  return { ...client, stdout: [...client.stdout], stderr: [...client.stderr] };
}

/** Keeps the newest lines; one chunk may hold several lines, or end without a newline. */
function addLines(client: Client, stream: 'stdout' | 'stderr', text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  const kept = client[stream] as string[];
  kept.push(...lines);
  if (kept.length > CLIENT_LINE_LIMIT) {
    client.droppedLines += kept.length - CLIENT_LINE_LIMIT;
    kept.splice(0, kept.length - CLIENT_LINE_LIMIT);
  }
  return lines;
}

export const beginClientsBatch: BeginBatch = (state) => {
  const runs = new MapDraft(state.runs);
  const clients = new MapDraft(state.clients, copyClient);
  const replyOrder = new ListDraft(state.replyOrder, REPLY_ROW_LIMIT, state.repliesTrimmed);
  return {
    apply(event) {
      switch (event.kind) {
        case 'run:start':
          runs.put(event.runId, {
            runId: event.runId,
            mode: event.mode,
            count: event.count,
            startedAt: event.t,
            endedAt: null,
            accepted: null,
            replied: null,
            exited: null,
          });
          break;
        case 'run:end': {
          const run = runs.edit(event.runId);
          if (!run) break;
          run.endedAt = event.t;
          run.accepted = event.accepted;
          run.replied = event.replied;
          run.exited = event.exited;
          break;
        }
        case 'client:spawn':
          clients.put(event.clientId, {
            clientId: event.clientId,
            runId: event.runId,
            mode: event.mode,
            pid: event.pid,
            thread: event.thread ?? null,
            spawnedAt: event.t,
            stdout: [],
            stderr: [],
            droppedLines: 0,
            reply: null,
            repliedAt: null,
            exit: null,
            connId: null,
          });
          break;
        case 'client:output': {
          const client = clients.edit(event.clientId);
          if (!client) break;
          const lines = addLines(client, event.stream, event.text);
          const reply = event.stream === 'stdout' && lines.find((line) => line.startsWith(REPLY_PREFIX));
          if (reply && client.reply === null) {
            client.reply = reply;
            client.repliedAt = event.t;
            replyOrder.push(client.clientId);
          }
          break;
        }
        case 'client:exit': {
          const client = clients.edit(event.clientId);
          if (client) client.exit = { code: event.code, signal: event.signal, t: event.t };
          break;
        }
        case 'conn:identified': {
          const client = clients.edit(event.clientId);
          if (client) client.connId = event.connId;
          break;
        }
      }
    },
    finish() {
      const order = replyOrder.result();
      return {
        runs: runs.result(),
        clients: clients.result(),
        replyOrder: order,
        repliesTrimmed: replyOrder.trimmed,
      };
    },
  };
};
