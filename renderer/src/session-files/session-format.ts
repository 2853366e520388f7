import type { LabInfo } from '../../../contract/commands';

export const SESSION_FORMAT = 'ipc-scope-session';
export const SESSION_VERSION = 1;
export const SESSION_EXTENSION = '.ipcscope.ndjson';

/** The first line of a session file; every line after it is one event, oldest first. */
export interface SessionHeader {
  format: typeof SESSION_FORMAT;
  version: number;
  exportedAt: string;
  /** The lab the events came from: its pid, platform, clock origin and echo server. */
  info: LabInfo;
  /** Events that happened before the first one in the file and are not in it. */
  evicted: number;
  /** How many event lines follow. */
  events: number;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Checks what the views read of LabInfo, so an imported file cannot break them. */
function checkInfo(value: unknown): string | null {
  if (!isObject(value)) return 'the header has no lab info';
  const { pid, platform, host, startedAtMs, echo, modes, signals, maxClients } = value;
  if (typeof pid !== 'number' || typeof platform !== 'string' || typeof startedAtMs !== 'number') {
    return 'the lab info lacks its pid, platform or start time';
  }
  if (host !== 'electron' && host !== 'web') return 'the lab info names an unknown host';
  if (!isObject(echo) || typeof echo.port !== 'number' || typeof echo.host !== 'string') {
    return 'the lab info lacks the echo server';
  }
  if (!Array.isArray(modes) || !Array.isArray(signals) || typeof maxClients !== 'number') {
    return 'the lab info lacks its modes, signals or client limit';
  }
  return null;
}

/** The header, if `value` is one this version can read; otherwise why not. */
export function checkHeader(value: unknown): SessionHeader | string {
  if (!isObject(value) || value.format !== SESSION_FORMAT) {
    return `not an IPC Scope session (the first line should say "format": "${SESSION_FORMAT}")`;
  }
  if (value.version !== SESSION_VERSION) {
    return `session format version ${String(value.version)} is not one this version reads (${SESSION_VERSION})`;
  }
  const problem = checkInfo(value.info);
  if (problem) return problem;
  if (typeof value.evicted !== 'number' || typeof value.events !== 'number') {
    return 'the header lacks its event counts';
  }
  return value as unknown as SessionHeader;
}

export function makeHeader(info: LabInfo, events: number, evicted: number, now = new Date()): SessionHeader {
  return {
    format: SESSION_FORMAT,
    version: SESSION_VERSION,
    exportedAt: now.toISOString(),
    info,
    evicted,
    events,
  };
}
