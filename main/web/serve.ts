// The headless web host:
// `npm run serve -- [--echo-port N] [--ui-port N] [--host H] [--echo-host H] [--max-connections N]
//   [--history N] [--history-bytes N[K|M|G]]`.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isHostName, isLoopbackHost, isWildcardHost } from '../../contract/hosts';
import {
  DEFAULT_HISTORY_BYTES,
  DEFAULT_HISTORY_CAPACITY,
  MAX_HISTORY_CAPACITY,
  MIN_HISTORY_BYTES,
} from '../engine/event-log';
import { createLab } from '../engine/lab';
import { machineAddresses } from './access';
import { startWebHost } from './web-host';

function wholeNumber(value: string | undefined, name: string, min: number, max: number, fallback: number) {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (value.trim() === '' || !Number.isInteger(number) || number < min || number > max) {
    throw new Error(`--${name} must be a whole number from ${min} to ${max}, got "${value}"`);
  }
  return number;
}

const UNITS: Record<string, number> = { '': 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30 };
const MAX_HISTORY_BYTES = 64 * 2 ** 30;

/** `512M`, `2G` or a plain number of bytes, in binary units. */
function byteSize(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const match = /^(\d+)([kmg]?)$/i.exec(value.trim());
  const bytes = match ? Number(match[1]) * (UNITS[(match[2] ?? '').toLowerCase()] ?? 1) : Number.NaN;
  if (!Number.isSafeInteger(bytes) || bytes < MIN_HISTORY_BYTES || bytes > MAX_HISTORY_BYTES) {
    throw new Error(`--${name} must be a size from 1M to 64G, such as 256M or 2G, got "${value}"`);
  }
  return bytes;
}

function hostOption(value: string, name: string): string {
  if (!isHostName(value)) {
    throw new Error(`--${name} must be an IP address or a host name such as 127.0.0.1, got "${value}"`);
  }
  return value;
}

function warnIfExposed(host: string, what: string): void {
  if (!isLoopbackHost(host)) {
    console.warn(
      `warning: ${what} listens on ${host}, reachable from other machines. Use 127.0.0.1 unless you mean it.`,
    );
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'echo-port': { type: 'string' },
      'echo-host': { type: 'string', default: '127.0.0.1' },
      'ui-port': { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      'max-connections': { type: 'string' },
      history: { type: 'string' },
      'history-bytes': { type: 'string' },
    },
  });
  const echoPort = wholeNumber(values['echo-port'], 'echo-port', 0, 65_535, 50_008);
  const uiPort = wholeNumber(values['ui-port'], 'ui-port', 0, 65_535, 0);
  const maxConnections = wholeNumber(values['max-connections'], 'max-connections', 1, 100_000, 1_000);
  const historyCapacity = wholeNumber(
    values.history,
    'history',
    1,
    MAX_HISTORY_CAPACITY,
    DEFAULT_HISTORY_CAPACITY,
  );
  const historyBytes = byteSize(values['history-bytes'], 'history-bytes', DEFAULT_HISTORY_BYTES);
  const host = hostOption(values.host, 'host');
  const echoHost = hostOption(values['echo-host'], 'echo-host');
  warnIfExposed(host, 'the UI (and the power to spawn processes)');
  warnIfExposed(echoHost, 'the echo server');

  const here = import.meta.dirname;
  const lab = createLab({
    host: 'web',
    childrenDir: path.join(here, '../children'),
    echo: { host: echoHost, port: echoPort, maxConnections },
    historyCapacity,
    historyBytes,
  });
  await lab.start();
  const web = await startWebHost({
    lab,
    rendererDir: path.join(here, '../renderer'),
    host,
    port: uiPort,
  }).catch(async (error: unknown) => {
    await lab.shutdown();
    throw error;
  });

  const echo = lab.info().echo;
  console.log(`pid: ${process.pid}`);
  console.log(echo.listening ? `echo: ${echo.host}:${echo.port}` : `echo: not listening (${echo.error})`);
  console.log(`ui: ${web.url}`);
  if (isWildcardHost(host)) {
    for (const address of machineAddresses().filter((a) => !isLoopbackHost(a))) {
      const name = address.includes(':') ? `[${address}]` : address;
      console.log(`   also http://${name}:${web.port}/?token=${web.token}`);
    }
  }
  console.log('Open the ui URL in a browser. Ctrl-C stops the lab and every process it started.');

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) {
      console.log(`${signal}: still ending the lab's processes…`);
      return;
    }
    stopping = true;
    console.log(`\n${signal}: stopping the lab…`);
    try {
      await web.close();
      await lab.shutdown();
    } finally {
      process.exit(0);
    }
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, stop);
}

main().catch((error: unknown) => {
  console.error(`ipc-scope serve: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
