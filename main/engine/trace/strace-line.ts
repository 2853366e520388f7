// One line of strace's output, read without regular expressions over the whole line: a pid, a time, then a
// call, a signal or an exit. The streaming parser (strace-parse.ts) joins split calls and numbers the lines.
import type { ExitRecord, MessageRecord, SignalRecord } from './strace-records';

export interface CallPart {
  kind: 'call';
  pid: number | null;
  timeUs: number | null;
  name: string;
  /** The arguments' text: the start of a call (unfinished), its end (resumed), or all of it. */
  args: string;
  /** After `= `, duration cut off; null when the call did not finish on this line. */
  result: string | null;
  durationUs: number | null;
  state: 'whole' | 'unfinished' | 'resumed';
}

type Located<T> = Omit<T, 'line'>;
export type LinePart =
  | CallPart
  | Located<SignalRecord>
  | Located<ExitRecord>
  | Located<MessageRecord>
  | { kind: 'unparsed'; pid: number | null; timeUs: number | null; reason: string };

const UNFINISHED = ' <unfinished ...>';
const DETACHED = ' <detached ...>';

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** `1796609196.528074` (-ttt) or `02:06:36.528074` (-tt) as µs; null when it is neither. */
function readTime(text: string): number | null {
  const dot = text.indexOf('.');
  if (dot < 1 || text.length - dot - 1 > 9) return null;
  const whole = text.slice(0, dot);
  const fraction = text.slice(dot + 1);
  for (let i = 0; i < fraction.length; i++) if (!isDigit(fraction.charCodeAt(i))) return null;
  const micros = Number(fraction.padEnd(6, '0').slice(0, 6));
  let seconds: number;
  if (whole.length === 8 && whole[2] === ':' && whole[5] === ':') {
    seconds = Number(whole.slice(0, 2)) * 3600 + Number(whole.slice(3, 5)) * 60 + Number(whole.slice(6, 8));
  } else {
    for (let i = 0; i < whole.length; i++) if (!isDigit(whole.charCodeAt(i))) return null;
    seconds = Number(whole);
  }
  return Number.isFinite(seconds) ? seconds * 1_000_000 + micros : null;
}

/** `<0.000123>` at the end of a line as µs, and where it starts; or none. */
function readDuration(line: string): { at: number; us: number | null } {
  if (!line.endsWith('>')) return { at: line.length, us: null };
  const open = line.lastIndexOf(' <');
  if (open < 0) return { at: line.length, us: null };
  const inner = line.slice(open + 2, -1);
  if (inner === 'unavailable') return { at: open, us: null };
  const dot = inner.indexOf('.');
  if (dot < 1) return { at: line.length, us: null };
  for (let i = 0; i < inner.length; i++)
    if (i !== dot && !isDigit(inner.charCodeAt(i))) return { at: line.length, us: null };
  return {
    at: open,
    us:
      Number(inner.slice(0, dot)) * 1_000_000 +
      Number(
        inner
          .slice(dot + 1)
          .padEnd(6, '0')
          .slice(0, 6),
      ),
  };
}

function signalPart(pid: number | null, timeUs: number | null, body: string): LinePart {
  const inner = body.slice(4, -4);
  if (inner.startsWith('stopped by ')) {
    const signal = inner.slice(11);
    return {
      kind: 'signal',
      pid,
      timeUs,
      signal,
      code: null,
      senderPid: null,
      senderUid: null,
      info: '',
      stopped: true,
    };
  }
  const space = inner.indexOf(' ');
  const signal = space < 0 ? inner : inner.slice(0, space);
  const info = space < 0 ? '' : inner.slice(space + 1);
  if (!signal.startsWith('SIG') || (info !== '' && !(info.startsWith('{') && info.endsWith('}')))) {
    return { kind: 'unparsed', pid, timeUs, reason: 'a signal line of unknown shape' };
  }
  const field = (name: string): string | null => {
    const at = info.indexOf(`${name}=`);
    if (at < 0) return null;
    let end = at + name.length + 1;
    while (end < info.length && info[end] !== ',' && info[end] !== '}') end++;
    return info.slice(at + name.length + 1, end);
  };
  const number = (text: string | null) =>
    text === null || text === '' || Number.isNaN(Number(text)) ? null : Number(text);
  return {
    kind: 'signal',
    pid,
    timeUs,
    signal,
    code: field('si_code'),
    senderPid: number(field('si_pid')),
    senderUid: number(field('si_uid')),
    info: info.slice(1, -1),
    stopped: false,
  };
}

function exitPart(pid: number | null, timeUs: number | null, body: string): LinePart {
  const inner = body.slice(4, -4);
  if (inner.startsWith('exited with ')) {
    const code = Number(inner.slice(12));
    if (Number.isInteger(code))
      return { kind: 'exit', pid, timeUs, how: 'exited', code, signal: null, coreDumped: false };
  } else if (inner.startsWith('killed by SIG')) {
    const coreDumped = inner.endsWith(' (core dumped)');
    const signal = inner.slice(10, coreDumped ? -14 : undefined);
    if (!signal.includes(' '))
      return { kind: 'exit', pid, timeUs, how: 'killed', code: null, signal, coreDumped };
  } else if (inner.startsWith('superseded by execve')) {
    return { kind: 'exit', pid, timeUs, how: 'superseded', code: null, signal: null, coreDumped: false };
  }
  return { kind: 'unparsed', pid, timeUs, reason: 'an exit line of unknown shape' };
}

function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || isDigit(c) || c === 95 || (c >= 65 && c <= 90);
}

function callPart(pid: number | null, timeUs: number | null, body: string): LinePart {
  const bad = (reason: string): LinePart => ({ kind: 'unparsed', pid, timeUs, reason });
  let name: string;
  let argsAt: number;
  let state: CallPart['state'] = 'whole';
  if (body.startsWith('<... ')) {
    const close = body.indexOf(' resumed>', 5);
    if (close < 0) return bad('a resumption without "resumed>"');
    name = body.slice(5, close);
    argsAt = close + 9;
    state = 'resumed';
  } else {
    let end = 0;
    while (end < body.length && isNameChar(body.charCodeAt(end))) end++;
    if (end === 0 || body.charCodeAt(end) !== 40) return bad('not a call, a signal or an exit');
    name = body.slice(0, end);
    argsAt = end + 1;
  }
  for (let i = 0; i < name.length; i++)
    if (!isNameChar(name.charCodeAt(i))) return bad('a call name of unknown shape');
  if (state === 'whole' && (body.endsWith(UNFINISHED) || body.endsWith(DETACHED))) {
    const args = body.slice(argsAt, body.length - UNFINISHED.length + (body.endsWith(DETACHED) ? 2 : 0));
    return { kind: 'call', pid, timeUs, name, args, result: null, durationUs: null, state: 'unfinished' };
  }
  const { at, us } = readDuration(body);
  const equals = body.lastIndexOf(' = ', at);
  if (equals < argsAt) return bad('a call without " = "');
  let close = equals;
  while (close > argsAt && body.charCodeAt(close - 1) === 32) close--;
  if (body.charCodeAt(close - 1) !== 41) return bad('a call whose arguments do not end with ")"');
  const args = body.slice(argsAt, close - 1);
  return { kind: 'call', pid, timeUs, name, args, result: body.slice(equals + 3, at), durationUs: us, state };
}

/** Reads one line (no newline). Never throws: what it cannot read comes back as `unparsed`, with why. */
export function readLine(line: string): LinePart {
  let at = 0;
  let pid: number | null = null;
  if (line.startsWith('[pid ')) {
    at = 5;
    while (line.charCodeAt(at) === 32) at++;
    const start = at;
    while (isDigit(line.charCodeAt(at))) at++;
    if (at === start || line.charCodeAt(at) !== 93)
      return { kind: 'unparsed', pid, timeUs: null, reason: 'a [pid of unknown shape' };
    pid = Number(line.slice(start, at));
    at++;
  } else if (isDigit(line.charCodeAt(0))) {
    while (isDigit(line.charCodeAt(at))) at++;
    if (line.charCodeAt(at) === 32) pid = Number(line.slice(0, at));
    else at = 0; // a time with no pid before it (strace without -f)
  } else if (line.startsWith('strace: ')) {
    return { kind: 'message', pid, timeUs: null, text: line.slice(8) };
  }
  while (line.charCodeAt(at) === 32) at++;
  let timeUs: number | null = null;
  if (isDigit(line.charCodeAt(at))) {
    const space = line.indexOf(' ', at);
    timeUs = readTime(line.slice(at, space < 0 ? undefined : space));
    if (timeUs === null) return { kind: 'unparsed', pid, timeUs, reason: 'a time of unknown shape' };
    at = space < 0 ? line.length : space + 1;
  }
  const body = at === 0 ? line : line.slice(at);
  if (body.startsWith('--- ') && body.endsWith(' ---')) return signalPart(pid, timeUs, body);
  if (body.startsWith('+++ ') && body.endsWith(' +++')) return exitPart(pid, timeUs, body);
  return callPart(pid, timeUs, body);
}
