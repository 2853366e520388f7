import * as v from 'valibot';
import type { SavedMessage } from '../../../contract/compose';
import type { LabInfo } from '../../../contract/lab-info';
import {
  SESSION_FORMAT,
  SESSION_VERSION,
  type SessionHeader,
  SessionHeaderSchema,
} from '../../../contract/session-header';

export { SESSION_FORMAT, SESSION_VERSION, type SessionHeader } from '../../../contract/session-header';
export const SESSION_EXTENSION = '.ipcscope.ndjson';

const LACKS_ORIGIN = 'the lab info lacks its pid, platform or start time';
const LACKS_LIMITS = 'the lab info lacks its modes, signals or client limit';

/** What is wrong with the lab info, by its first wrong field; the views read all of it. */
const INFO_PROBLEMS: { [K in keyof LabInfo]?: string } = {
  pid: LACKS_ORIGIN,
  platform: LACKS_ORIGIN,
  startedAtMs: LACKS_ORIGIN,
  host: 'the lab info names an unknown host',
  echo: 'the lab info lacks the echo server',
  modes: LACKS_LIMITS,
  signals: LACKS_LIMITS,
  maxClients: LACKS_LIMITS,
};

function problem(value: Record<string, unknown>, path: readonly string[]): string {
  const [field, infoField] = path;
  if (field === 'version') {
    return `session format version ${String(value.version)} is not one this version reads (${SESSION_VERSION})`;
  }
  if (field === 'info') {
    if (infoField === undefined) return 'the header has no lab info';
    return INFO_PROBLEMS[infoField as keyof LabInfo] ?? `the lab info has no valid ${infoField}`;
  }
  if (field === 'evicted' || field === 'events') return 'the header lacks its event counts';
  if (field === 'exportedAt') return 'the header has an export date that is not text';
  if (field === 'messages') {
    return "the header's saved messages are not a list of names, texts and formats (text or hex)";
  }
  return `not an IPC Scope session (the first line should say "format": "${SESSION_FORMAT}")`;
}

/** The header, if `value` is one this version can read; otherwise why not. */
export function checkHeader(value: unknown): SessionHeader | string {
  const checked = v.safeParse(SessionHeaderSchema, value, { abortEarly: true });
  if (checked.success) return checked.output;
  const path = checked.issues[0].path?.map((item) => String(item.key)) ?? [];
  return problem(value as Record<string, unknown>, path);
}

export function makeHeader(
  info: LabInfo,
  events: number,
  evicted: number,
  { now = new Date(), messages = [] }: HeaderExtras = {},
): SessionHeader {
  const header: SessionHeader = {
    format: SESSION_FORMAT,
    version: SESSION_VERSION,
    exportedAt: now.toISOString(),
    info,
    evicted,
    events,
  };
  // Only when there are some, so a file without them reads exactly as files always have.
  if (messages.length > 0) header.messages = [...messages];
  return header;
}

/** What a header may carry besides the events: when it was written, and the composer's saved messages. */
export interface HeaderExtras {
  now?: Date;
  messages?: readonly SavedMessage[];
}
