import type { LabEvent, LabEventOf } from '../../../contract/events';
import { closes } from '../store/traced-calls';
import { type Lane, traceGroupKey } from './lane-model';
import type { LaneSet } from './lane-set';

type TraceEvent = Extract<LabEvent, { kind: `trace:${string}` }>;

/** Sockets and pipes get a lane of their own; files, terminals and event fds do not. */
const ENDPOINT = /^(TCP|TCPv6|UDP|UDPv6|UNIX|pipe):\[(.*)\]$/;

function program(argv: readonly string[]): string {
  const [first = '', ...rest] = argv;
  return [first.slice(first.lastIndexOf('/') + 1), ...rest].join(' ');
}

/** `TCP :42528` (its own end) and `→ :50461` (the other), `pipe 7306317`: short, as the gutter is narrow. */
function endpointNames(endpoint: string): { label: string; peer: string } | null {
  const match = ENDPOINT.exec(endpoint);
  if (!match) return null;
  const [, type = '', inside = ''] = match;
  const [local = '', remote] = inside
    .split('->')
    .map((end) => (end.includes(':') ? `:${end.split(':').pop()}` : end));
  return { label: `${type} ${local}`, peer: remote ? `→ ${remote} · ` : '' };
}

/** A thread's lane, made on its first event: its life starts there unless its start comes later. */
function threadLane(lanes: LaneSet, event: { traceId: number; pid: number; tid: number; t: number }): Lane {
  const { traceId, pid, tid } = event;
  const key = `${traceId}/t${tid}`;
  const known = lanes.forTrace(key);
  if (known) return known;
  const lane = lanes.add(
    lanes.group(traceGroupKey(traceId), `Trace #${traceId}`),
    tid === pid ? `pid ${pid}` : `tid ${tid}`,
  );
  lane.pid = pid;
  lane.spawnT = event.t;
  lanes.bindTrace(lane, key);
  return lane;
}

/** The lane of the socket or pipe an fd holds, made on first sight; null for other kinds of fd. */
function endpointLane(
  lanes: LaneSet,
  call: LabEventOf<'trace:call'>,
  fd: number | null,
  endpoint: string | null,
) {
  if (fd === null || endpoint === null) return null;
  const names = endpointNames(endpoint);
  if (!names) return null;
  const key = `${call.traceId}/p${call.pid}/fd${fd}`;
  const lane =
    lanes.forTrace(key) ?? lanes.add(lanes.group(traceGroupKey(call.traceId), `Trace #${call.traceId}`), '');
  if (Number.isNaN(lane.spawnT)) {
    lane.spawnT = call.t;
    lane.pid = call.pid;
    lanes.bindTrace(lane, key);
  }
  // A socket's ends become known once it is bound or connected.
  lane.label = names.label;
  lane.detail = `${names.peer}fd ${fd} of ${call.pid}`;
  return lane;
}

/**
 * A traced program in the timeline: a group per trace, a lane per process or thread from its start to its
 * exit, with its calls and the signals it got, and a lane per socket or pipe it held, from first use to close.
 */
export function ingestTraceEvent(
  lanes: LaneSet,
  event: TraceEvent,
  touch: (lane: Lane | undefined, mark: boolean | 'bulk') => void,
): void {
  switch (event.kind) {
    case 'trace:start': {
      const what = event.attached ? `pid ${event.pid ?? '?'} attached` : program(event.argv);
      lanes.group(traceGroupKey(event.traceId), '').title = `Trace #${event.traceId} · ${what}`;
      break;
    }
    case 'trace:process': {
      const lane = threadLane(lanes, event);
      lane.detail =
        event.tid === event.pid ? program((event.command ?? '').split(' ')) : `thread of ${event.pid}`;
      touch(lane, true);
      break;
    }
    case 'trace:call': {
      const moved = (event.size ?? 0) > 0 || event.errno !== null;
      touch(threadLane(lanes, event), moved || 'bulk');
      const endpoint = endpointLane(lanes, event, event.fd, event.endpoint);
      touch(endpoint ?? undefined, moved || 'bulk');
      if (endpoint && closes(event.call) && event.result === 0) {
        endpoint.exitT = event.t;
        endpoint.exitText = `${event.call}() by tid ${event.tid}`;
        lanes.unbindTrace(`${event.traceId}/p${event.pid}/fd${event.fd}`);
      }
      touch(endpointLane(lanes, event, event.newFd, event.newEndpoint) ?? undefined, true);
      break;
    }
    case 'trace:signal':
      touch(threadLane(lanes, event), true);
      break;
    case 'trace:exit': {
      const lane = threadLane(lanes, event);
      lane.exitT = event.t;
      lane.exitOk = event.code === 0 && event.signal === null;
      lane.exitText = event.signal ? `killed by ${event.signal}` : `exited with code ${event.code ?? '?'}`;
      touch(lane, true);
      break;
    }
    case 'trace:end':
      // What never closed or exited ends with its trace.
      for (const lane of lanes.traceLanes(event.traceId)) {
        if (Number.isNaN(lane.exitT)) {
          lane.exitT = event.t;
          lane.exitText = 'trace ended';
        }
      }
      break;
  }
}
