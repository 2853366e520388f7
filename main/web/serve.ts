// The headless web host: `npm run serve -- [--echo-port N] [--ui-port N] [--host H] [--echo-host H]`.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createLab } from '../engine/lab';
import { startWebHost } from './web-host';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

function portOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`--${name} must be a port number from 0 to 65535, got "${value}"`);
  }
  return port;
}

function warnIfExposed(host: string, what: string): void {
  if (!LOOPBACK.has(host)) {
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
    },
  });
  const echoPort = portOption(values['echo-port'], 'echo-port', 50_008);
  const uiPort = portOption(values['ui-port'], 'ui-port', 0);
  warnIfExposed(values.host, 'the UI (and the power to spawn processes)');
  warnIfExposed(values['echo-host'], 'the echo server');

  const here = import.meta.dirname;
  const lab = createLab({
    host: 'web',
    childrenDir: path.join(here, '../children'),
    echo: { host: values['echo-host'], port: echoPort },
  });
  await lab.start();
  const web = await startWebHost({
    lab,
    rendererDir: path.join(here, '../renderer'),
    host: values.host,
    port: uiPort,
  });

  const echo = lab.info().echo;
  console.log(`pid: ${process.pid}`);
  console.log(echo.listening ? `echo: ${echo.host}:${echo.port}` : `echo: not listening (${echo.error})`);
  console.log(`ui: ${web.url}`);
  console.log('Open the ui URL in a browser. Ctrl-C stops the lab and every process it started.');

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the lab…`);
    await web.close();
    await lab.shutdown();
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, stop);
}

main().catch((error: unknown) => {
  console.error(`ipc-scope serve: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
