import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';

/** The part of a child process the engine uses; Node's ChildProcess and Electron's utilityProcess both fit. */
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

/** Under plain Node: the same node binary. Electron injects utilityProcess instead. */
export const forkWithNode: ForkNode = (script, args) =>
  spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
