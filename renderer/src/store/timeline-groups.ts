import type { Run } from './clients-slice';
import type { Connection } from './connections-slice';

export interface TimelineGroup {
  key: string;
  title: string;
  connections: Connection[];
}

export interface Timeline {
  groups: TimelineGroup[];
  /** Lab time (µs) of the axis' ends. */
  start: number;
  end: number;
  drawn: number;
  /** Older connections left out to keep the view light. */
  hidden: number;
}

export const TIMELINE_LIMIT = 1_000;

/** The newest connections on one shared axis, grouped by the run that made them. */
export function buildTimeline(
  connections: ReadonlyMap<number, Connection>,
  runs: ReadonlyMap<number, Run>,
  now: number,
): Timeline {
  const all = [...connections.values()];
  const shown = all.slice(-TIMELINE_LIMIT);
  const groups = new Map<string, TimelineGroup>();
  for (const conn of shown) {
    const key = conn.role === 'redirect' ? 'redirect' : conn.runId === null ? 'other' : `run-${conn.runId}`;
    let group = groups.get(key);
    if (!group) {
      group = { key, title: groupTitle(key, conn, runs), connections: [] };
      groups.set(key, group);
    }
    group.connections.push(conn);
  }
  let start = Number.POSITIVE_INFINITY;
  let end = now;
  for (const conn of shown) {
    start = Math.min(start, conn.openedAt);
    end = Math.max(end, conn.closedAt ?? conn.openedAt);
  }
  if (!Number.isFinite(start)) start = 0;
  return {
    groups: [...groups.values()],
    start,
    end: Math.max(end, start + 1),
    drawn: shown.length,
    hidden: all.length - shown.length,
  };
}

function groupTitle(key: string, conn: Connection, runs: ReadonlyMap<number, Run>): string {
  if (key === 'redirect') return 'Script stdout sockets';
  if (conn.runId === null) return 'Other connections (not from a spawned client)';
  const run = runs.get(conn.runId);
  return run ? `Run ${run.runId}: ${run.count} ${run.mode} clients` : `Run ${conn.runId}`;
}
