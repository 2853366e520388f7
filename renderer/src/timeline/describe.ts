import type { Syscall } from '../../../contract/event-syscalls';
import type { LabEvent } from '../../../contract/events';
import { base64Bytes } from '../lib/payload';
import { formatDuration, formatMicros, formatSinceMs } from '../lib/ticks';
import type { Hit } from './hit';
import type { Lane } from './lane-model';
import { Mark } from './marks';
import { globalLabel } from './scene-global';
import { explainEvent, syscallOf } from './syscalls';
import type { TimelineData } from './timeline-data';

/** What the tooltip and the details panel say about a hit. */
export interface Described {
  title: string;
  syscall: Syscall;
  facts: [string, string][];
  /** The bytes that went across, when there were any. */
  payload: Uint8Array | null;
}

const TITLES: Record<string, string> = {
  'conn:data': 'data in',
  'conn:extra': 'extra data (ignored)',
  'conn:reply': 'reply out',
  'conn:error': 'socket error',
  'client:spawn': 'client started',
  'client:exit': 'client exited',
  'script:output': 'script output',
  'script:exit': 'script exited',
  'trace:process': 'traced process or thread',
  'trace:signal': 'signal delivered (traced)',
  'trace:exit': 'traced thread exited',
};

const CAUSES: Record<string, string> = {
  client: 'the client closed first',
  server: 'the server closed first',
  'idle-timeout': 'the server closed it after its idle timeout',
  error: 'it ended in an error',
};

const SOURCES: Record<string, string> = {
  button: 'the app’s Send button',
  external: 'outside the app (kill from a terminal)',
  alarm: 'the alarm',
};

const OMIT = new Set(['kind', 'seq', 't', 'data', 'text']);

function eventPayload(event: LabEvent): Uint8Array | null {
  if (event.kind === 'conn:data' || event.kind === 'conn:extra') return base64Bytes(event.data);
  if (event.kind === 'trace:call') return event.data ? base64Bytes(event.data) : null;
  if (event.kind === 'conn:reply' || event.kind === 'script:output' || event.kind === 'client:output') {
    return new TextEncoder().encode(event.text);
  }
  return null;
}

function titleOf(event: LabEvent): string {
  if (event.kind === 'trace:call')
    return `${event.call}(${event.fd ?? ''})${event.errno ? ` = ${event.errno}` : ''}`;
  if (event.kind === 'conn:extra' && event.ignored)
    return `${event.size.toLocaleString('en')} more bytes ignored (read, not kept)`;
  return TITLES[event.kind] ?? event.kind;
}

/** A moment in lab µs, or in ms since the run's first spawn while runs are aligned (`origin`). */
function timeText(t: number, origin: number | null): string {
  return origin === null ? formatMicros(t) : formatSinceMs(t - origin);
}

function describeEvent(event: LabEvent, origin: number | null): Described {
  const time: [string, string] =
    origin === null
      ? ['time', formatMicros(event.t)]
      : ['since first spawn', formatSinceMs(event.t - origin)];
  const facts: [string, string][] = [time];
  if (event.kind === 'signal:received') facts.push(['from', SOURCES[event.source] ?? event.source]);
  for (const [key, value] of Object.entries(event)) {
    if (OMIT.has(key) || value === undefined) continue;
    if (key === 'source' && event.kind === 'signal:received') continue;
    if (key === 'deadline') facts.push([key, formatMicros(value as number)]);
    else facts.push([key, typeof value === 'string' ? value : JSON.stringify(value)]);
  }
  facts.push(['seq', String(event.seq)]);
  const global =
    event.kind.startsWith('signal:') || event.kind.startsWith('target:') || event.kind.startsWith('alarm:');
  const title = global ? globalLabel(event) : titleOf(event);
  return { title, syscall: explainEvent(event), facts, payload: eventPayload(event) };
}

function firstMarked(data: TimelineData, lane: Lane, mark: Mark): LabEvent | null {
  for (let i = 0; i < lane.markers.length; i++) {
    const index = lane.markers.at(i);
    if (data.markAt(index) === mark) return data.columns.decode(index);
  }
  return null;
}

function describeLane(data: TimelineData, lane: Lane, now: number, origin: number | null): Described {
  const facts: [string, string][] = [];
  const group = data.lanes.groups.get(lane.groupKey);
  if (group) facts.push(['group', group.title]);
  if (lane.detail) facts.push(['who', lane.detail]);
  if (!Number.isNaN(lane.spawnT)) facts.push(['started', timeText(lane.spawnT, origin)]);
  if (!Number.isNaN(lane.openT)) facts.push(['accepted', timeText(lane.openT, origin)]);
  if (!Number.isNaN(lane.closeT)) {
    facts.push(['closed', timeText(lane.closeT, origin)]);
    facts.push(['lasted', formatDuration(lane.closeT - lane.openT)]);
  } else if (lane.connId >= 0) {
    facts.push(['open for', formatDuration(now - lane.openT)]);
  }
  if (lane.cause) facts.push(['closed by', CAUSES[lane.cause] ?? lane.cause]);
  if (lane.connId >= 0) facts.push(['bytes', `${lane.bytesIn} in · ${lane.bytesOut} out`]);
  if (!Number.isNaN(lane.exitT))
    facts.push(['ended', `${timeText(lane.exitT, origin)} · ${lane.exitText ?? ''}`]);
  if (lane.error) facts.push(['error', lane.error]);
  const sent = firstMarked(data, lane, Mark.DataIn);
  const reply = firstMarked(data, lane, Mark.Reply);
  if (reply?.kind === 'conn:reply') facts.push(['reply', reply.text]);
  const title = lane.connId >= 0 ? `${lane.label} · connection #${lane.connId}` : lane.label;
  const syscall = syscallOf(lane.connId >= 0 ? 'conn:open' : 'client:spawn');
  return { title, syscall, facts, payload: sent ? eventPayload(sent) : null };
}

/**
 * Says what a hit is; null when it is gone (evicted) or has nothing to say. `origin`: the first spawn of the
 * hit's run while runs are aligned (`hitOrigin`), its times then told from it.
 */
export function describeHit(
  data: TimelineData,
  hit: Hit,
  now: number,
  origin: number | null = null,
): Described | null {
  if (hit.type === 'marker' || hit.type === 'global') {
    return data.columns.has(hit.index) ? describeEvent(data.columns.decode(hit.index), origin) : null;
  }
  if (hit.type === 'span') {
    const lane = data.lanes.lanes.get(hit.laneId);
    return lane ? describeLane(data, lane, now, origin) : null;
  }
  return null;
}
