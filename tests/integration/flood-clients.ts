// Clients that load the lab, shared by the flood tests and the bench's flood rows.
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { TIMEOUT } from '../timeouts';
import type { LabSocket } from './reliability-helpers';

const MiB = 2 ** 20;

/** A live process's resident memory, in bytes, from /proc (Linux). */
export function rssOf(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : Number.NaN;
}

/** CPU time a process has used (user and system), in clock ticks, from /proc/<pid>/stat (Linux). */
function cpuTicksOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/**
 * Resolves once `pid` has used no CPU for a second (it is done with its work), or after `timeoutMs`. A second,
 * since on busy cores a working process can wait a few hundred milliseconds for its turn.
 */
async function cpuSettled(pid: number, timeoutMs: number, quietMs = 1_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = cpuTicksOf(pid);
  let quietSince = Date.now();
  while (Date.now() < deadline && Date.now() - quietSince < quietMs) {
    await delay(50);
    const now = cpuTicksOf(pid);
    if (now !== last) quietSince = Date.now();
    last = now;
  }
}

/** Samples a process's RSS every 20 ms until stopped, or until the process is gone; returns the peak, in bytes. */
export function watchPeakRss(pid: number): () => number {
  let peak = rssOf(pid);
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, rssOf(pid));
    } catch {
      clearInterval(timer); // the process ended (a failed test's cleanup): nothing more to sample
    }
  }, 20);
  timer.unref();
  return () => {
    clearInterval(timer);
    return Math.max(peak, rssOf(pid));
  };
}

/** One classic client round trip; resolves with how long the reply took, in ms. */
export function probe(port: number): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write('probe'));
    socket.setTimeout(TIMEOUT.io, () => socket.destroy(new Error(`no reply within ${TIMEOUT.io} ms`)));
    socket.once('data', () => {
      resolve(performance.now() - started);
      socket.destroy();
    });
    socket.once('error', reject);
  });
}

/** Probes every 100 ms while `work` runs; resolves with the work's result and every probe's time, in ms. */
export async function probedWhile<T>(
  port: number,
  work: () => Promise<T>,
): Promise<{ result: T; probes: number[] }> {
  let done = false;
  const probes: number[] = [];
  const probing = (async () => {
    while (!done) {
      probes.push(await probe(port));
      await delay(100);
    }
  })();
  try {
    return { result: await work(), probes };
  } finally {
    done = true;
    await probing;
  }
}

/** Sends `total` bytes after a first message and its reply, as fast as the socket takes them, then closes. */
export async function floodAfterReply(port: number, total: number): Promise<void> {
  const socket = net.connect(port, '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write('hi');
  await new Promise((resolve) => socket.once('data', resolve)); // the reply: what follows is extra
  const block = Buffer.alloc(MiB);
  for (let sent = 0; sent < total; sent += block.length) {
    if (!socket.write(block)) await new Promise((resolve) => socket.once('drain', resolve));
  }
  await new Promise<void>((resolve) => socket.end(resolve));
  await new Promise((resolve) => socket.once('close', resolve));
}

/** A script that prints `bytes` of text, then lingers a second so many are alive at once. */
export function printingScript(bytes: number): string[] {
  return ['sh', '-c', `yes 0123456789abcdefghijklmnopqrstuvwxyz | head -c ${bytes}; sleep 1`];
}

/**
 * A window that hangs but keeps asking: stops reading its socket, sends up to 100,000 `lab:hello` (each reply
 * ~2 KB, ~200 MB in all, far past the 64 MB a window may fall behind), and resolves with how its socket was
 * closed, or 'still open' after TIMEOUT.io.
 */
export async function stallWhileAsking(
  socket: LabSocket,
  hostPid?: number,
): Promise<{ code: number | 'still open'; sent: number }> {
  const closed = new Promise<number>((resolve) => socket.ws.once('close', (code) => resolve(code)));
  socket.ws.pause();
  const hello = JSON.stringify({ type: 'command', id: 0, name: 'lab:hello', payload: {} });
  let sent = 0;
  while (sent < 100_000 && socket.ws.readyState === socket.ws.OPEN) {
    socket.ws.send(hello);
    sent += 1;
    if (sent % 1_000 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  // Still not reading until the host has worked through what it was sent: on a loaded machine it is far
  // behind the sender, and a window that reads again drains the replies before they pile up.
  // Answering 100,000 hellos takes the host seconds when idle and a minute when the cores are busy.
  if (hostPid !== undefined) await cpuSettled(hostPid, TIMEOUT.bulk);
  socket.ws.resume();
  const stillOpen = delay(TIMEOUT.io, 'still open' as const, { ref: false });
  return { code: await Promise.race([closed, stillOpen]), sent };
}
