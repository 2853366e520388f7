import type { LabEvent } from '../../../contract/events';
import { checkEvent } from './check-event';
import { checkHeader, type SessionHeader } from './session-format';

export interface ReadHandlers {
  /** The header, before any event; throwing here stops the read. */
  header(header: SessionHeader): void;
  /** Events in order, a batch at a time. */
  batch(events: LabEvent[]): void;
  progress?(bytesRead: number, total: number): void;
}

const READ_BATCH = 5_000;

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Reads a session file as a stream of lines, so a file of a million events never sits in memory whole.
 * Every line is checked; the first bad one stops the read with its line number.
 */
export async function readSession(file: Blob, handlers: ReadHandlers, signal?: AbortSignal): Promise<number> {
  const reader = file.stream().pipeThrough(new TextDecoderStream()).getReader();
  let header: SessionHeader | null = null;
  let buffered = '';
  let lineNo = 0;
  let bytesRead = 0;
  let lastSeq = 0;
  let count = 0;
  let batch: LabEvent[] = [];

  const line = (text: string) => {
    lineNo += 1;
    if (text.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new Error(`line ${lineNo}: not valid JSON`);
    }
    if (!header) {
      const checked = checkHeader(value);
      if (typeof checked === 'string') throw new Error(checked);
      header = checked;
      handlers.header(checked);
      return;
    }
    const event = checkEvent(value);
    if (typeof event === 'string') throw new Error(`line ${lineNo}: ${event}`);
    if (event.seq <= lastSeq) throw new Error(`line ${lineNo}: seq ${event.seq} does not follow ${lastSeq}`);
    lastSeq = event.seq;
    batch.push(event);
    count += 1;
  };

  try {
    for (;;) {
      if (signal?.aborted) throw new Error('the import was cancelled');
      const { done, value } = await reader.read();
      if (done) break;
      bytesRead += value.length;
      buffered += value;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const text of lines) line(text);
      if (batch.length >= READ_BATCH) {
        handlers.batch(batch);
        batch = [];
        handlers.progress?.(bytesRead, file.size);
        await nextTask(); // let the page draw between batches
      }
    }
    line(buffered);
  } finally {
    reader.releaseLock();
  }
  if (!header) throw new Error('the file is empty');
  if (batch.length > 0) handlers.batch(batch);
  const expected = (header as SessionHeader).events;
  if (count !== expected) throw new Error(`the file is cut short: ${count} of ${expected} events`);
  return count;
}
