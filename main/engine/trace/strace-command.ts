// Where strace is, whether this system can trace at all, and the words for why not: each error says what to do.
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { TraceAvailability } from '../../../contract';

/**
 * The executable `name` resolves to on `searchPath` (PATH's syntax); null when none. A name with a / is taken
 * as is, relative to `cwd`, where the program will run.
 */
export function findOnPath(name: string, searchPath: string | undefined, cwd = process.cwd()): string | null {
  const candidates = name.includes('/')
    ? [path.resolve(cwd, name)]
    : (searchPath ?? '').split(path.delimiter).map((dir) => path.join(dir || '.', name));
  for (const candidate of candidates) {
    try {
      if (!statSync(candidate).isFile()) continue;
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not there, or not executable: the next directory
    }
  }
  return null;
}

function osRelease(): string {
  try {
    return readFileSync('/etc/os-release', 'utf8');
  } catch {
    return '';
  }
}

/** How to install strace on this system, as a command; both common ones when the system is not known. */
export function installHint(release = osRelease()): string {
  const ids = /^ID(?:_LIKE)?=(.*)$/gm;
  const words = [...release.matchAll(ids)].flatMap((match) =>
    (match[1] ?? '').replace(/"/g, '').split(/\s+/),
  );
  if (words.some((id) => ['debian', 'ubuntu'].includes(id)))
    return 'install it with `sudo apt-get install strace`';
  if (words.some((id) => ['fedora', 'rhel', 'centos'].includes(id)))
    return 'install it with `sudo dnf install strace`';
  if (words.includes('arch')) return 'install it with `sudo pacman -S strace`';
  return 'install it with `sudo apt-get install strace` (Debian, Ubuntu) or `sudo dnf install strace` (Fedora)';
}

export const NOT_LINUX =
  'Tracing needs Linux: it runs programs under strace, which uses the Linux kernel’s ptrace, and macOS and Windows have no strace.';

/** Whether tracing works here, in one sentence; `searchPath` is the PATH strace is looked for on. */
export function traceAvailability(
  searchPath: string | undefined = process.env.PATH,
  platform: string = process.platform,
): TraceAvailability {
  if (platform !== 'linux') return { available: false, detail: NOT_LINUX };
  const strace = findOnPath('strace', searchPath);
  if (strace === null) return { available: false, detail: `strace was not found on PATH: ${installHint()}.` };
  return { available: true, detail: `strace at ${strace}` };
}

/** What kernel.yama.ptrace_scope allows, in words; null where Yama is not in the kernel. */
export function ptraceScope(
  read = () => readFileSync('/proc/sys/kernel/yama/ptrace_scope', 'utf8'),
): string | null {
  let value: string;
  try {
    value = read().trim();
  } catch {
    return null;
  }
  const meaning: Record<string, string> = {
    '0': 'which allows tracing any process of the same user',
    '1': 'which lets a process trace only its own descendants: attach needs `sudo sysctl kernel.yama.ptrace_scope=0`, or run the program from here',
    '2': 'which lets only administrators (CAP_SYS_PTRACE) trace',
    '3': 'which forbids tracing until the next reboot',
  };
  return `kernel.yama.ptrace_scope is ${value}, ${meaning[value] ?? 'a value this lab does not know'}`;
}

/** The sentence for a ptrace refusal (EPERM) that strace reported. */
export function refusal(what: string): string {
  const scope = ptraceScope();
  const why =
    scope ??
    'Yama is not in this kernel, so the refusal comes from elsewhere: a container without CAP_SYS_PTRACE or whose seccomp profile blocks ptrace, or a process of another user';
  return `the kernel refused to let strace trace ${what} (EPERM, ptrace): ${why}.`;
}
