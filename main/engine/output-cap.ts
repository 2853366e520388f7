import { StringDecoder } from 'node:string_decoder';
import type { LabEventBody, OutputStream } from '../../contract';
import type { EventLog } from './event-log';

/** What all live scripts may keep together: each stream takes from it as it forwards, and gives back at its end. */
export interface OutputBudget {
  /** Grants up to `wanted` bytes: fewer, or none, once the shared budget is spent. */
  take(wanted: number): number;
  give(bytes: number): void;
}

export function createOutputBudget(total: number): OutputBudget {
  let left = total;
  return {
    take(wanted) {
      const granted = Math.min(wanted, left);
      left -= granted;
      return granted;
    },
    give(bytes) {
      left = Math.min(total, left + bytes);
    },
  };
}

/** The events a forwarder makes; a script's by default, a trace's for a traced program. */
export interface OutputEvents {
  output(text: string): LabEventBody;
  dropped(bytes: number, limit: number): LabEventBody;
}

export interface OutputForwarderOptions {
  log: EventLog;
  events?: OutputEvents;
  /** The script whose output this is; a trace passes its traceId with its own `events`. */
  scriptId: number;
  stream: OutputStream;
  /** Bytes forwarded as script:output; the rest is counted in script:dropped. */
  limit: number;
  /** Shared with every other live stream; a stream stops forwarding when either bound is met. */
  budget?: OutputBudget;
  /** While dropping, the running total is reported at most this often. */
  dropReportMs?: number;
}

export interface OutputForwarder {
  /** Takes the bytes as read; never blocks, so the child is never held up. */
  push(chunk: Buffer): void;
  /** Flushes held text and reports the final dropped total; call once the stream has ended. */
  end(): void;
  readonly forwarded: number;
  readonly dropped: number;
}

/** Cuts at most `n` bytes without splitting a UTF-8 character (a lead byte is never followed by more than 3). */
function charBoundary(chunk: Buffer, n: number): number {
  let cut = n;
  while (cut > 0 && cut > n - 3 && ((chunk[cut] ?? 0) & 0xc0) === 0x80) cut -= 1;
  return cut;
}

/**
 * Turns one stream's bytes into script:output events: decoded as streaming UTF-8, merged per tick so a flood
 * is not one event per chunk, and capped at `limit` bytes. `script:dropped.bytes` is the running total.
 */
export function createOutputForwarder({
  log,
  scriptId,
  stream,
  limit,
  budget = createOutputBudget(Number.POSITIVE_INFINITY),
  dropReportMs = 1_000,
  events = {
    output: (text) => ({ kind: 'script:output', scriptId, stream, text }),
    dropped: (bytes, limit) => ({ kind: 'script:dropped', scriptId, stream, bytes, limit }),
  },
}: OutputForwarderOptions): OutputForwarder {
  const decoder = new StringDecoder('utf8');
  let forwarded = 0;
  let dropped = 0;
  let reported = 0;
  let held = '';
  let flushing: NodeJS.Immediate | null = null;
  let reporting: NodeJS.Timeout | null = null;
  let ended = false;

  function flush(): void {
    if (flushing) clearImmediate(flushing);
    flushing = null;
    if (held === '') return;
    log.append(events.output(held));
    held = '';
  }

  function hold(text: string): void {
    if (text === '') return;
    held += text;
    flushing ??= setImmediate(flush);
  }

  function report(): void {
    if (reporting) clearTimeout(reporting);
    reporting = null;
    if (dropped === reported) return;
    reported = dropped;
    // The bound this stream met: its own limit, or less where the shared budget ran out first.
    log.append(events.dropped(dropped, forwarded));
  }

  function drop(bytes: number): void {
    const first = dropped === 0;
    dropped += bytes;
    if (first) {
      flush(); // the kept text comes before the news that the rest was dropped
      report();
    } else {
      reporting ??= setTimeout(report, dropReportMs);
    }
  }

  return {
    push(chunk) {
      if (ended || chunk.length === 0) return;
      if (dropped > 0) {
        drop(chunk.length);
        return;
      }
      const room = budget.take(Math.min(chunk.length, limit - forwarded));
      if (chunk.length <= room) {
        forwarded += chunk.length;
        hold(decoder.write(chunk));
        return;
      }
      const cut = charBoundary(chunk, room);
      budget.give(room - cut);
      forwarded += cut;
      hold(decoder.write(chunk.subarray(0, cut)) + decoder.end());
      drop(chunk.length - cut);
    },
    end() {
      if (ended) return;
      ended = true;
      budget.give(forwarded);
      if (dropped === 0) hold(decoder.end());
      flush();
      report();
    },
    get forwarded() {
      return forwarded;
    },
    get dropped() {
      return dropped;
    },
  };
}
