import type { ClientMode, CloseCause, ConnectionRole } from '../../../contract/events';
import { IndexList } from './index-list';

/** One row of the timeline: a spawned client and its connection, or a connection nobody here spawned. */
export interface Lane {
  id: number;
  groupKey: string;
  label: string;
  /** Peer address, pid, or who holds the other end. */
  detail: string;
  connId: number;
  role: ConnectionRole | null;
  runId: number | null;
  clientId: string | null;
  /** The composer connection the lane draws, if the composer made it. */
  composerId: number | null;
  mode: ClientMode | null;
  pid: number | null;
  /** Lab times (µs); NaN until known. */
  spawnT: number;
  exitT: number;
  openT: number;
  closeT: number;
  exitText: string | null;
  exitOk: boolean;
  cause: CloseCause | null;
  bytesIn: number;
  bytesOut: number;
  error: string | null;
  /** The accept and close events, for their details; -1 when not seen. */
  openIndex: number;
  closeIndex: number;
  /** Event indices drawn as markers on this lane, oldest first: opens, replies, errors, spawns, exits. */
  markers: IndexList;
  /** Markers that can come by the thousand (ignored extra data, script output), drawn as density. */
  bulk: IndexList;
  /** Newest event index that touched the lane: once evicted, a finished lane can go. */
  lastIndex: number;
}

export type GroupKind = 'run' | 'trace' | 'composer' | 'external' | 'redirect';

export interface LaneGroup {
  key: string;
  kind: GroupKind;
  title: string;
  /** Runs first by id, then traces by id, the composer, external clients and script sockets. */
  order: number;
  /** Lanes are appended; removing one replaces the array, so a layout built on it stays true. */
  lanes: number[];
}

export function newLane(id: number, groupKey: string, label: string): Lane {
  return {
    id,
    groupKey,
    label,
    detail: '',
    connId: -1,
    role: null,
    runId: null,
    clientId: null,
    composerId: null,
    mode: null,
    pid: null,
    spawnT: Number.NaN,
    exitT: Number.NaN,
    openT: Number.NaN,
    closeT: Number.NaN,
    exitText: null,
    exitOk: true,
    cause: null,
    bytesIn: 0,
    bytesOut: 0,
    error: null,
    openIndex: -1,
    closeIndex: -1,
    markers: new IndexList(),
    bulk: new IndexList(),
    lastIndex: -1,
  };
}

export function runGroupKey(runId: number): string {
  return `run-${runId}`;
}

export function traceGroupKey(traceId: number): string {
  return `trace-${traceId}`;
}

/** Trace groups come after every run and before the composer's. */
const TRACE_ORDER = 2 ** 40;

export const COMPOSER_GROUP = 'composer';
export const EXTERNAL_GROUP = 'external';
export const REDIRECT_GROUP = 'redirect';

export function newGroup(key: string, title: string): LaneGroup {
  if (key === COMPOSER_GROUP)
    return { key, kind: 'composer', title, order: Number.MAX_SAFE_INTEGER - 2, lanes: [] };
  if (key === EXTERNAL_GROUP)
    return { key, kind: 'external', title, order: Number.MAX_SAFE_INTEGER - 1, lanes: [] };
  if (key === REDIRECT_GROUP)
    return { key, kind: 'redirect', title, order: Number.MAX_SAFE_INTEGER, lanes: [] };
  if (key.startsWith('trace-'))
    return { key, kind: 'trace', title, order: TRACE_ORDER + Number(key.slice(6)), lanes: [] };
  return { key, kind: 'run', title, order: Number(key.slice(4)), lanes: [] };
}

/** A lane has said all it will: its connection closed, or it never had one and its client exited. */
export function laneFinished(lane: Lane): boolean {
  if (lane.connId >= 0) return !Number.isNaN(lane.closeT);
  return !Number.isNaN(lane.exitT);
}

/** Lab times the lane's drawing covers: the client's life and its connection; null when neither is known. */
export function laneExtent(lane: Lane, now: number): [number, number] | null {
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  if (!Number.isNaN(lane.spawnT) || !Number.isNaN(lane.exitT)) {
    start = Number.isNaN(lane.spawnT) ? lane.exitT : lane.spawnT;
    end = Number.isNaN(lane.exitT) ? now : lane.exitT;
  }
  if (lane.connId >= 0 && !Number.isNaN(lane.openT)) {
    start = Math.min(start, lane.openT);
    end = Math.max(end, Number.isNaN(lane.closeT) ? now : lane.closeT);
  }
  return Number.isFinite(start) ? [start, end] : null;
}
