// strace's own complaints (its stderr), turned into a sentence that says what to do.
import { refusal } from './strace-command';

/** The last line strace wrote about itself (`strace: …`), without the prefix; null when none. */
export function lastStraceLine(stderr: string): string | null {
  const lines = stderr.split('\n').filter((line) => line.startsWith('strace: '));
  return lines.at(-1)?.slice('strace: '.length) ?? null;
}

/** Why strace ended before it traced anything, in words. */
export function explainStraceFailure(stderr: string, attached: boolean): string {
  const line = lastStraceLine(stderr);
  const target = /PTRACE_SEIZE, (\d+)/.exec(stderr)?.[1];
  const what = target ? `pid ${target}` : attached ? 'the process' : 'the program';
  if (/Operation not permitted/.test(stderr) && /ptrace|PTRACE/.test(stderr)) return refusal(what);
  if (/No such process/.test(stderr))
    return `cannot trace ${what}: no such process (ESRCH); it may have ended`;
  const stat = /Can't stat '(.*)': (.*)/.exec(stderr);
  if (stat) return `cannot trace "${stat[1]}": ${stat[2]}`;
  return `strace ended before tracing began${line ? `: ${line}` : ''}`;
}
