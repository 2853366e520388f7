import { clientPosition } from '../lib/client-colour';
import { type Client, clientFailed, type Run } from '../store/clients-slice';

/** One client of a run, in ms since the run's first spawn. */
export interface ClientTiming {
  clientId: string;
  /** Its place in the start order: `3.2` is 2. */
  position: number;
  spawnMs: number;
  replyMs: number | null;
  exitMs: number | null;
  failed: boolean;
}

export interface RunTiming {
  runId: number;
  clients: ClientTiming[];
}

export interface RunTimings {
  /** The newest finished runs first, each with its clients in start order. */
  runs: RunTiming[];
  /** The longest run, ms: the scale every run is drawn on. */
  spanMs: number;
}

const ms = (fromUs: number, us: number | null | undefined) => (us == null ? null : (us - fromUs) / 1000);

/**
 * Every finished run (the newest `limit`) on one scale, each starting at its own first spawn, so runs line
 * up one under another and the differences between them are the scheduler's.
 */
export function alignRuns(
  runs: Iterable<Run>,
  clients: ReadonlyMap<string, Client>,
  limit: number,
): RunTimings {
  const byRun = new Map<number, Client[]>();
  for (const client of clients.values()) {
    const list = byRun.get(client.runId);
    if (list) list.push(client);
    else byRun.set(client.runId, [client]);
  }
  const finished = [...runs]
    .filter((run) => run.endedAt !== null)
    .slice(-limit)
    .reverse();
  let spanMs = 0;
  const timed: RunTiming[] = [];
  for (const run of finished) {
    const members = byRun.get(run.runId) ?? [];
    if (members.length === 0) continue;
    const first = Math.min(...members.map((client) => client.spawnedAt));
    const rows = members
      .map((client) => {
        const row: ClientTiming = {
          clientId: client.clientId,
          position: clientPosition(client.clientId) ?? 0,
          spawnMs: ms(first, client.spawnedAt) ?? 0,
          replyMs: ms(first, client.repliedAt),
          exitMs: ms(first, client.exit?.t),
          failed: clientFailed(client),
        };
        spanMs = Math.max(spanMs, row.spawnMs, row.replyMs ?? 0, row.exitMs ?? 0);
        return row;
      })
      .sort((a, b) => a.position - b.position);
    timed.push({ runId: run.runId, clients: rows });
  }
  return { runs: timed, spanMs };
}
