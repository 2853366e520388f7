import type { LabInfo } from '../../../contract/commands';
import type { LabEvent } from '../../../contract/events';
import { type HeaderExtras, makeHeader } from './session-format';

/** The events the page retains, oldest first (the timeline keeps them), as an export reads them. */
export interface RetainedEvents extends Iterable<LabEvent> {
  readonly count: number;
  /** How many events happened before the first retained one. */
  readonly evictedBefore: number;
}

const CHUNK = 20_000;
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The retained history as NDJSON: a header line, then one event per line exactly as the lab sent it.
 * Built from small Blobs so the text of a million events never sits in the JS heap at once.
 */
export async function writeSession(
  events: RetainedEvents,
  info: LabInfo,
  extras: HeaderExtras = {},
): Promise<Blob> {
  const header = makeHeader(info, events.count, events.evictedBefore, extras);
  const parts: Blob[] = [new Blob([`${JSON.stringify(header)}\n`])];
  let lines: string[] = [];
  for (const event of events) {
    lines.push(JSON.stringify(event));
    if (lines.length === CHUNK) {
      parts.push(new Blob([`${lines.join('\n')}\n`]));
      lines = [];
      await nextTask();
    }
  }
  if (lines.length > 0) parts.push(new Blob([`${lines.join('\n')}\n`]));
  return new Blob(parts, { type: 'application/x-ndjson' });
}
