import { targetText } from '../../../contract/compose';
import type { LabEvent } from '../../../contract/events';
import { exitText } from '../lib/format';
import type { IndexList } from './index-list';
import { ingestTraceEvent } from './ingest-trace';
import { COMPOSER_GROUP, EXTERNAL_GROUP, type Lane, REDIRECT_GROUP, runGroupKey } from './lane-model';
import type { LaneSet } from './lane-set';

/** What a batch of events changes besides the columns: the lanes, and the marks across all lanes. */
export interface IngestTarget {
  lanes: LaneSet;
  global: IndexList;
  /** Script id -> the connection that carries its stdout, and the reverse, for socket-mode scripts. */
  scriptConn: Map<number, number>;
  connScript: Map<number, { scriptId: number; command: string }>;
}

function runTitle(runId: number, count?: number, mode?: string): string {
  if (count === undefined) return `Run ${runId}`;
  return `Run ${runId} · ${count} ${mode} ${count === 1 ? 'client' : 'clients'}`;
}

function clientLane(target: IngestTarget, runId: number, clientId: string): Lane {
  const { lanes } = target;
  const known = lanes.forClient(runId, clientId);
  if (known) return known;
  const lane = lanes.add(lanes.group(runGroupKey(runId), runTitle(runId)), `client ${clientId}`);
  lanes.bindClient(lane, runId, clientId);
  return lane;
}

/** The composer connection's lane, made on its first event: its life runs from connect to close. */
function composerLane(target: IngestTarget, composerId: number): Lane {
  const { lanes } = target;
  const known = lanes.forComposer(composerId);
  if (known) return known;
  // Short, as the gutter is narrow: under the Composer header, `#2` is the reply log's composer-2.
  const lane = lanes.add(lanes.group(COMPOSER_GROUP, 'Composer'), `#${composerId}`);
  lanes.bindComposer(lane, composerId);
  return lane;
}

/** Marks the lane as touched by event `index`, and draws the event on it as a marker or as bulk. */
function touch(lane: Lane | undefined, index: number, mark: boolean | 'bulk'): Lane | undefined {
  if (!lane) return undefined;
  lane.lastIndex = index;
  if (mark === 'bulk') lane.bulk.push(index);
  else if (mark) lane.markers.push(index);
  return lane;
}

function scriptLabel(scriptId: number): string {
  return `script ${scriptId}`;
}

/** Folds one stored event into the lanes; `index` is where the columns keep it. */
export function ingestEvent(target: IngestTarget, event: LabEvent, index: number): void {
  const { lanes } = target;
  switch (event.kind) {
    case 'run:start': {
      const group = lanes.group(runGroupKey(event.runId), runTitle(event.runId, event.count, event.mode));
      group.title = runTitle(event.runId, event.count, event.mode);
      break;
    }
    case 'client:spawn': {
      const lane = clientLane(target, event.runId, event.clientId);
      lane.spawnT = event.t;
      lane.pid = event.pid;
      lane.mode = event.mode;
      lane.detail =
        event.thread === undefined ? `pid ${event.pid}` : `thread ${event.thread} · pid ${event.pid}`;
      touch(lane, index, true);
      break;
    }
    case 'client:exit': {
      const lane = clientLane(target, event.runId, event.clientId);
      lane.exitT = event.t;
      lane.exitOk = event.code === 0 && event.signal === null;
      lane.exitText = exitText(event);
      touch(lane, index, true);
      break;
    }
    case 'conn:open': {
      const redirect = event.role === 'redirect';
      const group = redirect
        ? lanes.group(REDIRECT_GROUP, 'Script stdout sockets')
        : lanes.group(EXTERNAL_GROUP, 'External clients');
      const script = target.connScript.get(event.connId);
      const peer = `${event.remoteAddress}:${event.remotePort}`;
      const lane = lanes.add(group, script ? scriptLabel(script.scriptId) : `conn #${event.connId}`);
      lane.connId = event.connId;
      lane.role = event.role;
      lane.openT = event.t;
      lane.openIndex = index;
      lane.detail = script ? script.command : peer;
      lanes.byConn.set(event.connId, lane.id);
      touch(lane, index, false);
      break;
    }
    case 'conn:identified': {
      const conn = lanes.forConn(event.connId);
      const client = clientLane(target, event.runId, event.clientId);
      if (conn && conn !== client) lanes.adopt(client, conn);
      touch(client, index, false);
      break;
    }
    case 'conn:composer': {
      const conn = lanes.forConn(event.connId);
      const composer = composerLane(target, event.composerId);
      if (conn && conn !== composer) lanes.adopt(composer, conn);
      touch(composer, index, false);
      break;
    }
    case 'composer:open': {
      const lane = composerLane(target, event.composerId);
      lane.spawnT = event.t;
      lane.detail = `${targetText(event)} from port ${event.localPort}`;
      touch(lane, index, true);
      break;
    }
    case 'composer:sent':
    case 'composer:received':
    case 'composer:error':
      touch(composerLane(target, event.composerId), index, true);
      break;
    case 'composer:closed': {
      const lane = composerLane(target, event.composerId);
      lane.exitT = event.t;
      lane.exitOk = event.by !== 'error';
      lane.exitText = `closed by ${event.by === 'error' ? 'an error' : `the ${event.by}`}`;
      touch(lane, index, true);
      break;
    }
    case 'conn:data':
    case 'conn:extra': {
      const lane = touch(lanes.forConn(event.connId), index, event.kind === 'conn:data' || 'bulk');
      if (lane) lane.bytesIn += event.size;
      break;
    }
    case 'conn:reply': {
      const lane = touch(lanes.forConn(event.connId), index, true);
      if (lane) lane.bytesOut += event.size;
      break;
    }
    case 'conn:error': {
      const lane = touch(lanes.forConn(event.connId), index, true);
      if (lane) lane.error = `${event.code}: ${event.message}`;
      break;
    }
    case 'conn:close': {
      const lane = touch(lanes.forConn(event.connId), index, false);
      if (!lane) break;
      lane.closeT = event.t;
      lane.closeIndex = index;
      lane.cause = event.cause;
      lane.bytesIn = event.bytesIn;
      lane.bytesOut = event.bytesOut;
      break;
    }
    case 'conn:peer': {
      const lane = touch(lanes.forConn(event.connId), index, false);
      // A lab client's or the composer's lane already says who it is.
      const outsider = lane?.clientId === null && lane.composerId === null;
      if (lane && outsider && event.pid !== null)
        lane.detail = `${event.command ?? 'pid'} · pid ${event.pid}`;
      break;
    }
    case 'script:start': {
      if (event.connId === undefined) break;
      const command = event.argv.join(' ');
      target.scriptConn.set(event.scriptId, event.connId);
      target.connScript.set(event.connId, { scriptId: event.scriptId, command });
      const lane = touch(lanes.forConn(event.connId), index, false);
      if (lane) {
        lane.label = scriptLabel(event.scriptId);
        lane.detail = command;
        lane.pid = event.pid;
      }
      break;
    }
    case 'script:output':
    case 'script:exit': {
      const connId = target.scriptConn.get(event.scriptId);
      const mark = event.kind === 'script:exit' || 'bulk';
      if (connId !== undefined) touch(lanes.forConn(connId), index, mark);
      break;
    }
    case 'trace:start':
    case 'trace:process':
    case 'trace:call':
    case 'trace:signal':
    case 'trace:exit':
    case 'trace:end':
      ingestTraceEvent(lanes, event, (lane, mark) => touch(lane, index, mark));
      break;
    case 'signal:received':
    case 'target:signal':
    case 'alarm:armed':
    case 'alarm:cancelled':
      target.global.push(index);
      break;
  }
}
