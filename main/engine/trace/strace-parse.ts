// A streaming parser of strace's output (the flags of strace-flags.ts): chunks in, typed records out. Lines
// cut between chunks are put back together, a call's `<unfinished ...>` and `<... resumed>` lines are joined
// per pid, and a line it does not know comes out as `unparsed`, never as an exception.
import { StringDecoder } from 'node:string_decoder';
import { readIpc } from './strace-ipc';
import { type CallPart, readLine } from './strace-line';
import type { StraceRecord, SyscallRecord } from './strace-records';
import { readResult } from './strace-values';

export interface StraceParserOptions {
  /** Payload bytes kept a call, whatever -s printed (default 4,096). */
  maxPayloadBytes?: number;
  /** A line longer than this is not read but kept whole as `unparsed` (default 1 MB). */
  maxLineLength?: number;
}

export interface StraceParser {
  /** Records of the lines this chunk completed, in the order they complete (a joined call at its resumption). */
  push(chunk: string | Uint8Array): StraceRecord[];
  /** The last line if it had no newline, and the calls still unfinished. */
  end(): StraceRecord[];
}

interface Pending {
  part: CallPart;
  line: number;
}

export function createStraceParser(options: StraceParserOptions = {}): StraceParser {
  const limit = options.maxPayloadBytes ?? 4_096;
  const maxLine = options.maxLineLength ?? 1_000_000;
  const decoder = new StringDecoder('utf8');
  const pending = new Map<number, Pending>();
  let carry = '';
  let lineNumber = 0;

  function syscall(part: CallPart, line: number, args: string, split: SyscallRecord['split']): SyscallRecord {
    const result = part.result === null ? null : readResult(part.result);
    let ipc = null;
    try {
      ipc = readIpc(part.name, args, result, limit);
    } catch {
      // A reader met arguments of a shape it does not know: the call keeps its raw text.
    }
    return {
      kind: 'syscall',
      line,
      pid: part.pid,
      timeUs: part.timeUs,
      name: part.name,
      args,
      result,
      durationUs: part.durationUs,
      split,
      resumedLine: null,
      resumedTimeUs: null,
      ipc,
    };
  }

  function unfinished(start: Pending): SyscallRecord {
    return syscall(start.part, start.line, start.part.args, 'unfinished');
  }

  function flushPid(pid: number | null, out: StraceRecord[]): void {
    const key = pid ?? -1;
    const start = pending.get(key);
    if (start === undefined) return;
    pending.delete(key);
    out.push(unfinished(start));
  }

  function handle(raw: string, out: StraceRecord[]): void {
    const line = ++lineNumber;
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    let part: ReturnType<typeof readLine>;
    try {
      part =
        text.length > maxLine
          ? { kind: 'unparsed', pid: null, timeUs: null, reason: 'longer than the bound' }
          : readLine(text);
    } catch {
      part = { kind: 'unparsed', pid: null, timeUs: null, reason: 'the line reader failed' };
    }
    if (part.kind === 'unparsed') {
      out.push({
        kind: 'unparsed',
        line,
        pid: part.pid,
        timeUs: part.timeUs,
        raw: text,
        reason: part.reason,
      });
      return;
    }
    if (part.kind !== 'call') {
      if (part.kind === 'exit') flushPid(part.pid, out);
      out.push({ ...part, line });
      return;
    }
    const key = part.pid ?? -1;
    if (part.state === 'unfinished') {
      flushPid(part.pid, out); // a thread is in one call at a time: an older start was never resumed
      pending.set(key, { part, line });
      return;
    }
    if (part.state === 'whole') {
      out.push(syscall(part, line, part.args, 'whole'));
      return;
    }
    const start = pending.get(key);
    if (start === undefined || start.part.name !== part.name) {
      if (start !== undefined) flushPid(part.pid, out);
      out.push(syscall(part, line, part.args, 'resumed'));
      return;
    }
    pending.delete(key);
    const joined: CallPart = { ...part, timeUs: start.part.timeUs };
    const record = syscall(joined, start.line, start.part.args + part.args, 'joined');
    record.resumedLine = line;
    record.resumedTimeUs = part.timeUs;
    out.push(record);
  }

  return {
    push(chunk) {
      const out: StraceRecord[] = [];
      const text = carry + (typeof chunk === 'string' ? chunk : decoder.write(chunk));
      let start = 0;
      for (let newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', start)) {
        handle(text.slice(start, newline), out);
        start = newline + 1;
      }
      carry = start === 0 ? text : text.slice(start);
      if (carry.length > maxLine) {
        handle(carry, out); // a line past the bound is cut here: its rest comes out as a line of its own
        carry = '';
      }
      return out;
    },
    end() {
      const out: StraceRecord[] = [];
      const rest = carry + decoder.end();
      carry = '';
      if (rest !== '') handle(rest, out);
      for (const start of [...pending.values()].sort((a, b) => a.line - b.line)) out.push(unfinished(start));
      pending.clear();
      return out;
    },
  };
}

/** The records of a whole text at once (fixtures, files). */
export function parseStrace(text: string, options?: StraceParserOptions): StraceRecord[] {
  const parser = createStraceParser(options);
  return [...parser.push(text), ...parser.end()];
}
