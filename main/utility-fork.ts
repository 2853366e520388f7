import { EventEmitter } from 'node:events';
import { utilityProcess } from 'electron';
import type { ChildLike, ForkNode } from './engine/child-process';

/**
 * Electron's way to run a Node script as its own OS process. It keeps the runAsNode fuse off,
 * where child_process.fork(process.execPath) would need it on.
 */
export const forkWithUtilityProcess: ForkNode = (script, args) => {
  const child = utilityProcess.fork(script, args, { stdio: 'pipe', serviceName: 'IPC Scope child' });
  const events = new EventEmitter();
  const adapted = Object.assign(events, {
    get pid() {
      return child.pid;
    },
    stdout: child.stdout,
    stderr: child.stderr,
  }) as unknown as ChildLike;
  child.on('spawn', () => events.emit('spawn'));
  // utilityProcess reports only a code; a signal death shows as a non-zero code.
  child.on('exit', (code) => events.emit('exit', code, null));
  child.on('error', (type, location) => events.emit('error', new Error(`${type} at ${location}`)));
  return adapted;
};
