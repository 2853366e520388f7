import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { Browser } from 'playwright-core';
import { parseProcNetTcp, TCP_TIME_WAIT } from '../main/engine/proc-net-tcp';

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGiB: number;
  platform: string;
  node: string;
  chromium: string | null;
  /** 1-minute load average when the run started and ended: how busy the (shared) machine was. */
  loadStart: number;
  loadEnd: number | null;
}

export function describeMachine(browser: Browser | null): MachineInfo {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    chromium: browser?.version() ?? null,
    loadStart: os.loadavg()[0] ?? 0,
    loadEnd: null,
  };
}

export function loadAverage(): number {
  return os.loadavg()[0] ?? 0;
}

/** TCP sockets in TIME_WAIT on the whole machine, from /proc/net/tcp and tcp6. */
export function timeWaitSockets(): number {
  let count = 0;
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(file, 'latin1');
    } catch {
      continue; // no IPv6 on this machine
    }
    count += parseProcNetTcp(text).filter((entry) => entry.state === TCP_TIME_WAIT).length;
  }
  return count;
}
