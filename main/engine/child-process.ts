import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';

/** The part of a child process the engine uses: Node's ChildProcess. */
export interface ChildLike {
  readonly pid?: number | undefined;
  readonly stdout: Readable | null;
  readonly stderr: Readable | null;
  on(event: 'exit', listener: (code: number | null, signal: NodeJS.Signals | null) => void): this;
  on(event: 'error', listener: (error: Error) => void): this;
  on(event: 'spawn', listener: () => void): this;
}

/** Starts a Node script as its own OS process with piped stdout and stderr. */
export type ForkNode = (script: string, args: string[]) => ChildLike;

/**
 * The same binary as Node. Under Electron, process.execPath is the app itself, and ELECTRON_RUN_AS_NODE
 * (with the runAsNode fuse on) makes it plain Node; plain Node ignores the variable. So the desktop app
 * runs its children exactly as the tests do.
 */
export const forkWithNode: ForkNode = (script, args) =>
  spawn(process.execPath, [script, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
