import type { Readable } from 'node:stream';
import { finished } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { OutputStream } from '../../contract';
import type { ChildLike } from './child-process';

export interface ChildWatcher {
  /** The child has a pid: it can be registered and reported. */
  started(child: ChildLike, pid: number): void;
  /** One line of output, without its newline. */
  line(stream: OutputStream, text: string): void;
  /** After the exit and after both streams ended, so every line comes before it. */
  ended(pid: number, code: number | null, signal: string | null): void;
  /** The child never started; nothing else is called. */
  failed(message: string): void;
}

// A line longer than this is passed on in pieces, so a child without newlines cannot grow memory.
const MAX_LINE = 64 * 1024;

/** Splits a stream into lines; a partial line waits for its newline or for the stream's end. */
function readLines(stream: Readable | null, onLine: (text: string) => void, onDone: () => void): void {
  if (stream === null) {
    onDone();
    return;
  }
  const decoder = new StringDecoder('utf8');
  let partial = '';
  const emit = (text: string) => onLine(text.endsWith('\r') ? text.slice(0, -1) : text);
  stream.on('data', (chunk: Buffer | string) => {
    partial += typeof chunk === 'string' ? chunk : decoder.write(chunk);
    let newline = partial.indexOf('\n');
    while (newline !== -1) {
      emit(partial.slice(0, newline));
      partial = partial.slice(newline + 1);
      newline = partial.indexOf('\n');
    }
    if (partial.length > MAX_LINE) {
      emit(partial);
      partial = '';
    }
  });
  // Called on end, close or error alike; whatever is left is the last line.
  finished(stream, () => {
    partial += decoder.end();
    if (partial !== '') emit(partial);
    partial = '';
    onDone();
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Starts a child and reports it exactly once as started-then-ended, or as failed.
 */
export function watchChild(start: () => ChildLike, watcher: ChildWatcher): void {
  let child: ChildLike;
  try {
    child = start();
  } catch (error) {
    watcher.failed(messageOf(error));
    return;
  }
  let pid: number | null = null;
  let exit: { code: number | null; signal: string | null } | null = null;
  let openStreams = 2;
  let done = false;

  const begin = () => {
    if (pid !== null || done || child.pid === undefined) return;
    pid = child.pid;
    watcher.started(child, pid);
  };
  const maybeEnd = () => {
    if (done || exit === null || openStreams > 0) return;
    done = true;
    watcher.ended(pid ?? 0, exit.code, exit.signal);
  };

  begin();
  child.on('spawn', begin);
  child.on('error', (error) => {
    if (pid !== null || done) return; // errors of a running child (a failed kill) end nothing
    done = true;
    watcher.failed(error.message);
  });
  child.on('exit', (code, signal) => {
    begin();
    exit = { code, signal };
    maybeEnd();
  });
  const streams: [OutputStream, Readable | null][] = [
    ['stdout', child.stdout],
    ['stderr', child.stderr],
  ];
  for (const [name, stream] of streams) {
    readLines(
      stream,
      (text) => {
        if (!done) watcher.line(name, text);
      },
      () => {
        openStreams -= 1;
        maybeEnd();
      },
    );
  }
}
