// Binds and argv that are explicit choices: the web host and the echo server on every interface (allowed
// when asked, with a warning, and still guarded), clear errors for bad addresses and flags, and a redirect
// that runs exactly the argv typed, through a shell only when asked.
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LabEvent } from '../../contract';
import { createLab, type Lab } from '../../main/engine/lab';
import { machineAddresses } from '../../main/web/access';
import { startWebHost, type WebHost } from '../../main/web/web-host';
import { childrenDir, repoRoot } from '../paths';
import { TIMEOUT, waitFor } from '../timeouts';
import { httpStatus, labSocket, ofKind, type Serve, serveRefusal, spawnServe } from './reliability-helpers';
import { withStubRenderer } from './stub-renderer';

const printArgv = path.join(repoRoot, 'tests/fixtures/print-argv.mjs');
const rendererDir = withStubRenderer();

describe('who may drive the lab: an explicit bind to every interface', () => {
  let lab: Lab;
  let web: WebHost;

  afterEach(async () => {
    await web?.close();
    await lab?.shutdown();
  });

  it('accepts its own addresses as Host when bound to 0.0.0.0, and still refuses any other', async () => {
    lab = createLab({ host: 'web', childrenDir, echo: { port: 0 } });
    await lab.start();
    web = await startWebHost({ lab, rendererDir: rendererDir(), host: '0.0.0.0' });
    expect(web.url).toBe(`http://127.0.0.1:${web.port}/?token=${web.token}`);
    const path = `/?token=${web.token}`;
    const own = machineAddresses().map((address) => (address.includes(':') ? `[${address}]` : address));
    for (const host of ['127.0.0.1', 'localhost', os.hostname(), ...own]) {
      expect(await httpStatus(web.port, path, { host: `${host}:${web.port}` }), host).toBe(200);
    }
    const stranger = ['198.51.100.7', '203.0.113.9', '10.255.255.1'].find((ip) => !own.includes(ip))!;
    for (const host of [`${stranger}:${web.port}`, `evil.example:${web.port}`]) {
      expect(await httpStatus(web.port, path, { host }), host).toBe(421);
    }
    expect(await httpStatus(web.port, path, { origin: 'http://evil.example' })).toBe(403);
  });

  it('binds the echo server to 127.0.0.1 by default; 0.0.0.0 is explicit, flagged exposed, and still used via loopback', async () => {
    lab = createLab({ host: 'web', childrenDir, echo: { port: 0 } });
    const events: LabEvent[] = [];
    lab.log.tap((event) => events.push(event));
    await lab.start();
    web = await startWebHost({ lab, rendererDir: rendererDir() });
    const socket = await labSocket(web.url);
    expect(lab.info().echo).toMatchObject({ listening: true, host: '127.0.0.1' });
    expect(lab.info().echo.exposed).toBeUndefined();
    const wide = await socket.command('echo:start', { host: '0.0.0.0', port: 0 });
    expect(wide).toMatchObject({ ok: true, value: { listening: true, host: '0.0.0.0', exposed: true } });
    const spawn = await socket.command('clients:spawn', { count: 3, mode: 'process' });
    const { runId } = (spawn as { ok: true; value: { runId: number } }).value;
    const end = await waitFor(
      () => ofKind(events, 'run:end').find((event) => event.runId === runId),
      'the run to end',
      30_000,
    );
    expect(end.replied).toHaveLength(3);
    const opens = ofKind(events, 'conn:open').filter((event) => event.role === 'echo');
    expect(opens.every((open) => open.remoteAddress.endsWith('127.0.0.1'))).toBe(true);
    const back = await socket.command('echo:start', { host: '127.0.0.1', port: 0 });
    expect(back).toMatchObject({ ok: true, value: { host: '127.0.0.1' } });
    expect((back as { ok: true; value: object }).value).not.toHaveProperty('exposed');
    socket.close();
  });
});

describe('who may drive the lab: the echo server refuses bad addresses clearly', () => {
  it('reports a port in use, an invalid port and an invalid or unknown host, and keeps serving', async () => {
    const lab = createLab({ host: 'web', childrenDir, echo: { port: 0 } });
    await lab.start();
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const busy = (blocker.address() as net.AddressInfo).port;
    try {
      const port = lab.info().echo.port;
      await expect(lab.handlers['echo:start']({ port: busy })).rejects.toThrow(
        `port ${busy} on 127.0.0.1 is already in use: stop the other program or pick another port`,
      );
      await expect(lab.handlers['echo:start']({ host: '999.1.1.1' })).rejects.toThrow(
        'host "999.1.1.1" is not valid: use an IP address such as 127.0.0.1',
      );
      await expect(lab.handlers['echo:start']({ port: 70_000 })).rejects.toThrow(
        'port must be a whole number from 0 to 65535, got 70000',
      );
      await expect(lab.handlers['echo:start']({ host: '198.51.100.7', port: 0 })).rejects.toThrow(
        '198.51.100.7 is not an address of this machine',
      );
      expect(lab.info().echo).toMatchObject({ listening: true, port });
      expect(lab.info().echo.error).toContain('198.51.100.7');
    } finally {
      blocker.close();
      await lab.shutdown();
    }
  });
});

describe('who may drive the lab: the serve command line', () => {
  const serves: Serve[] = [];

  afterEach(async () => {
    for (const serve of serves.splice(0)) {
      serve.child.kill('SIGINT');
      expect(await serve.exited).toBe(0);
    }
  });

  it('binds the UI to 127.0.0.1 without a warning unless --host is given, and then warns', async () => {
    const quiet = await spawnServe(['--echo-port', '0', '--ui-port', '0']);
    serves.push(quiet);
    expect(quiet.uiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/);
    expect(quiet.lines.filter((line) => line.startsWith('warning'))).toEqual([]);

    const wide = await spawnServe(['--echo-port', '0', '--ui-port', '0', '--host', '0.0.0.0']);
    serves.push(wide);
    expect(wide.lines).toContain(
      'warning: the UI (and the power to spawn processes) listens on 0.0.0.0, reachable from other machines. ' +
        'Use 127.0.0.1 unless you mean it.',
    );
    const url = new URL(wide.uiUrl);
    expect(url.hostname).toBe('127.0.0.1');
    const port = Number(url.port);
    expect(await httpStatus(port, url.pathname + url.search)).toBe(200);
    expect(await httpStatus(port, url.pathname + url.search, { host: `evil.example:${port}` })).toBe(421);
  });

  it('exits with a clear error for a bad port or host, a busy UI port, a foreign address or an unknown option', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const busy = (blocker.address() as net.AddressInfo).port;
    try {
      const cases: [string[], string][] = [
        [['--ui-port', '70000'], '--ui-port must be a whole number from 0 to 65535, got "70000"'],
        [['--echo-port', 'http'], '--echo-port must be a whole number from 0 to 65535, got "http"'],
        [['--max-connections', '0'], '--max-connections must be a whole number from 1 to 100000, got "0"'],
        [['--history', '2000000'], '--history must be a whole number from 1 to 1000000, got "2000000"'],
        [
          ['--history-bytes', '512k'],
          '--history-bytes must be a size from 1M to 64G, such as 256M or 2G, got "512k"',
        ],
        [
          ['--history-bytes', 'lots'],
          '--history-bytes must be a size from 1M to 64G, such as 256M or 2G, got "lots"',
        ],
        [
          ['--host', 'bad host'],
          '--host must be an IP address or a host name such as 127.0.0.1, got "bad host"',
        ],
        [
          ['--ui-port', String(busy)],
          `the UI's port ${busy} on 127.0.0.1 is already in use: stop the other program or pick another with --ui-port (EADDRINUSE)`,
        ],
        [['--host', '198.51.100.7'], '198.51.100.7 is not an address of this machine (EADDRNOTAVAIL)'],
        [['--bogus'], "Unknown option '--bogus'"],
      ];
      const results = await Promise.all(cases.map(([args]) => serveRefusal(['--echo-port', '0', ...args])));
      results.forEach((result, i) => {
        const [args, message] = cases[i]!;
        expect(result.code, args.join(' ')).toBe(1);
        expect(result.output, args.join(' ')).toContain(`ipc-scope serve: `);
        expect(result.output, args.join(' ')).toContain(message);
      });
    } finally {
      blocker.close();
    }
  });

  it('starts with the echo server stopped and the reason shown when its port is busy', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const busy = (blocker.address() as net.AddressInfo).port;
    try {
      const serve = await spawnServe(['--echo-port', String(busy), '--ui-port', '0']);
      serves.push(serve);
      expect(serve.echo).toBe(
        `not listening (port ${busy} on 127.0.0.1 is already in use: stop the other program or pick another port)`,
      );
      const socket = await labSocket(serve.uiUrl);
      expect(await socket.command('echo:start', { port: 0 })).toMatchObject({
        ok: true,
        value: { listening: true },
      });
      socket.close();
    } finally {
      blocker.close();
    }
  });
});

describe('who may drive the lab: the redirect runs exactly the argv it was given', () => {
  let lab: Lab;
  let events: LabEvent[];

  beforeAll(async () => {
    lab = createLab({ host: 'web', childrenDir, echo: { port: 0 } });
    events = [];
    lab.log.tap((event) => events.push(event));
    await lab.start();
  });

  afterAll(async () => {
    await lab.shutdown();
  });

  async function run(argv: string[], shell?: boolean): Promise<{ argv: string[]; ppid: number }> {
    const { scriptId } = await lab.handlers['script:run']({ argv, mode: 'pipe', shell });
    await waitFor(
      () => ofKind(events, 'script:exit').find((event) => event.scriptId === scriptId),
      'the exit',
      TIMEOUT.child,
    );
    const start = ofKind(events, 'script:start').find((event) => event.scriptId === scriptId)!;
    expect(start.shell).toBe(shell === true);
    const out = ofKind(events, 'script:output').filter((event) => event.scriptId === scriptId);
    return JSON.parse(out.map((event) => event.text).join('')) as { argv: string[]; ppid: number };
  }

  it('passes shell syntax through untouched, with no shell between the lab and the program', async () => {
    const tricky = [
      '$HOME',
      '; touch /tmp/ipc-scope-pwned',
      '`id`',
      '$(id)',
      '*',
      'a b',
      '"quoted"',
      "it's",
      '\\',
      'line\nbreak',
      '',
      '|| true &',
      '>out.txt',
      'ünïcødé',
    ];
    const printed = await run([process.execPath, printArgv, ...tricky]);
    expect(printed.argv).toEqual(tricky);
    expect(printed.ppid).toBe(process.pid); // the lab started node itself: no sh in between
  });

  it('runs the words through sh only when asked to, so $HOME expands', async () => {
    const printed = await run([`"${process.execPath}" "${printArgv}" $HOME 'two words'`], true);
    expect(printed.argv).toEqual([os.homedir(), 'two words']);
  });
});
