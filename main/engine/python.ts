import { type ExecFileException, execFile } from 'node:child_process';

export type PythonInfo =
  | { available: true; executable: string; version: string }
  | { available: false; reason: string };

const PROBE = 'import sys;print(sys.executable);print(sys.version.split()[0])';
const PROBE_TIMEOUT_MS = 5_000;

// One lookup per IPC_SCOPE_PYTHON value: the pyenv shim costs ~95 ms a start, the real executable far less.
const lookups = new Map<string, Promise<PythonInfo>>();

/** Finds a Python 3 for the python client mode: IPC_SCOPE_PYTHON if set, else python3 on PATH. */
export function findPython(): Promise<PythonInfo> {
  const override = process.env.IPC_SCOPE_PYTHON || undefined;
  const key = override ?? '';
  let lookup = lookups.get(key);
  if (!lookup) {
    lookup = probe(override);
    lookups.set(key, lookup);
  }
  return lookup;
}

function probe(override: string | undefined): Promise<PythonInfo> {
  const command = override ?? 'python3';
  const named = override ? `IPC_SCOPE_PYTHON (${override})` : 'python3';
  return new Promise((resolve) => {
    execFile(
      command,
      ['-c', PROBE],
      { timeout: PROBE_TIMEOUT_MS, windowsHide: true, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error) {
          resolve({ available: false, reason: whyNot(named, override, error, stderr) });
          return;
        }
        const [executable = '', version = ''] = stdout.trim().split(/\r?\n/);
        if (!version.startsWith('3.')) {
          resolve({
            available: false,
            reason: `${named} is Python ${version || '?'}; the client needs Python 3`,
          });
          return;
        }
        // An embedded interpreter may leave sys.executable empty; the command itself still works.
        resolve({ available: true, executable: executable || command, version });
      },
    );
  });
}

function whyNot(
  named: string,
  override: string | undefined,
  error: ExecFileException,
  stderr: string,
): string {
  if (error.code === 'ENOENT') {
    return override ? `${named} was not found` : 'python3 was not found on PATH';
  }
  if (error.code === 'EACCES') return `${named} is not executable`;
  if (error.killed) return `${named} did not answer within ${PROBE_TIMEOUT_MS / 1000} s`;
  const detail = stderr.trim().split(/\r?\n/).pop() || error.message;
  return `${named} failed: ${detail}`;
}
