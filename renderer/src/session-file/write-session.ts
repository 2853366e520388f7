import type { LabInfo } from '../../../contract/commands';
import type { TimelineData } from '../timeline/timeline-data';
import { makeHeader } from './session-format';

const CHUNK = 20_000;
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The retained history as NDJSON: a header line, then one event per line exactly as the lab sent it.
 * Built from small Blobs so the text of a million events never sits in the JS heap at once.
 */
export async function writeSession(data: TimelineData, info: LabInfo, now = new Date()): Promise<Blob> {
  const { columns } = data;
  const evicted = columns.size > 0 ? columns.seqAt(columns.first) - 1 : data.evicted;
  const parts: Blob[] = [new Blob([`${JSON.stringify(makeHeader(info, columns.size, evicted, now))}\n`])];
  let lines: string[] = [];
  const end = columns.end;
  for (let index = columns.first; index < end; index++) {
    lines.push(JSON.stringify(columns.decode(index)));
    if (lines.length === CHUNK) {
      parts.push(new Blob([`${lines.join('\n')}\n`]));
      lines = [];
      await nextTask();
    }
  }
  if (lines.length > 0) parts.push(new Blob([`${lines.join('\n')}\n`]));
  return new Blob(parts, { type: 'application/x-ndjson' });
}
