// Who may drive the lab: the token, Origin and Host checks of the web host, the validation of every command,
// bad frames and resets, and a fuzz of random commands. Explicit binds and argv: reliability-binds.test.ts.
import net from 'node:net';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { COMMAND_NAMES, type LabEvent, type Reply } from '../../contract';
import { createLab, type Lab } from '../../main/engine/lab';
import { startWebHost, type WebHost } from '../../main/web/web-host';
import { childrenDir } from '../paths';
import { seededRandom } from '../seeded-random';
import { pause, QUIET_MS } from '../timeouts';
import { httpStatus, type LabSocket, labSocket, ofKind } from './reliability-helpers';
import { withStubRenderer } from './stub-renderer';

/** The HTTP status of a refused upgrade, or 101 when the socket opened. */
function upgrade(port: number, query: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws${query}`, { headers });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => resolve(0));
  });
}

/** The close code the host ends a socket with after `data`. */
function closeCodeAfter(url: string, data: string | Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.on('open', () => ws.send(data));
    ws.on('close', (code) => resolve(code));
    ws.on('error', reject);
  });
}

const rendererDir = withStubRenderer();

describe('who may drive the lab: the web host on loopback', () => {
  let lab: Lab;
  let web: WebHost;
  let events: LabEvent[];
  let socket: LabSocket;

  beforeAll(async () => {
    lab = createLab({ host: 'web', childrenDir, echo: { port: 0 }, shutdownGraceMs: 500 });
    events = [];
    lab.log.tap((event) => events.push(event));
    await lab.start();
    web = await startWebHost({ lab, rendererDir: rendererDir() });
    socket = await labSocket(web.url);
  });

  afterAll(async () => {
    socket.close();
    await web.close();
    await lab.shutdown();
  });

  const own = () => `127.0.0.1:${web.port}`;
  const token = () => `?token=${web.token}`;

  it('binds 127.0.0.1 unless told otherwise, and prints a URL that carries the token', () => {
    expect(web.url).toBe(`http://127.0.0.1:${web.port}/?token=${web.token}`);
    expect(web.token).toMatch(/^[\w-]{32}$/);
  });

  it('refuses every HTTP request and WebSocket upgrade without the right token', async () => {
    const wrong = `?token=${'x'.repeat(web.token.length)}`;
    expect(await httpStatus(web.port, '/')).toBe(401);
    expect(await httpStatus(web.port, `/${wrong}`)).toBe(401);
    expect(await httpStatus(web.port, `/?tok=${web.token}`)).toBe(401);
    expect(await httpStatus(web.port, '/', { cookie: `ipcscope_token=${web.token.slice(1)}` })).toBe(401);
    expect(await upgrade(web.port, '')).toBe(401);
    expect(await upgrade(web.port, wrong)).toBe(401);
    expect(await httpStatus(web.port, `/${token()}`)).toBe(200);
    expect(await httpStatus(web.port, '/', { cookie: `ipcscope_token=${web.token}` })).toBe(200);
  });

  it('refuses a Host header other than its own address (DNS rebinding), on HTTP and on upgrades', async () => {
    for (const host of [
      `evil.example:${web.port}`,
      `127.0.0.1:${web.port + 1}`,
      `localhost.evil:${web.port}`,
    ]) {
      expect(await httpStatus(web.port, `/${token()}`, { host }), host).toBe(421);
      expect(await upgrade(web.port, token(), { host }), host).toBe(421);
    }
    for (const host of [own(), `localhost:${web.port}`, `LOCALHOST:${web.port}`]) {
      expect(await httpStatus(web.port, `/${token()}`, { host }), host).toBe(200);
    }
  });

  it('refuses an upgrade or request from another Origin (cross-site WebSocket hijacking)', async () => {
    const others = ['http://evil.example', 'null', `https://${own()}`, `http://127.0.0.1:${web.port + 1}`];
    for (const origin of others) {
      expect(await upgrade(web.port, token(), { origin }), origin).toBe(403);
      expect(await httpStatus(web.port, `/${token()}`, { origin }), origin).toBe(403);
    }
    expect(await upgrade(web.port, token(), { origin: `http://${own()}` })).toBe(101);
  });

  it('refuses unknown commands, out-of-range counts, unknown signals and kills of pids it did not start', async () => {
    const refusals: [string, unknown, string][] = [
      ['rm:rf', {}, 'unknown command "rm:rf"'],
      ['__proto__', {}, 'unknown command "__proto__"'],
      [
        'clients:spawn',
        { count: 10_000, mode: 'process' },
        'count must be a whole number from 1 to 200, got 10000',
      ],
      ['clients:spawn', { count: 0, mode: 'process' }, 'count must be a whole number from 1 to 200, got 0'],
      ['clients:spawn', { count: 1.5, mode: 'process' }, 'got 1.5'],
      ['clients:spawn', { count: '5', mode: 'process' }, 'got "5"'],
      ['clients:spawn', { count: 1, mode: 'fork-bomb' }, 'mode must be one of process, thread, python'],
      ['signal:send', { signal: 'SIGSEGV', target: 'app' }, 'unknown or unsupported signal "SIGSEGV"'],
      ['signal:send', { signal: 9, target: 'app' }, 'unknown or unsupported signal 9'],
      [
        'signal:send',
        { signal: 'SIGKILL', target: 1 },
        'pid 1 was not started by the lab; refusing to signal it',
      ],
      ['signal:send', { signal: 'SIGTERM', target: process.ppid }, 'was not started by the lab'],
      [
        'signal:send',
        { signal: 'SIGKILL', target: 'app' },
        'SIGKILL cannot be caught: it would kill the app',
      ],
      ['signal:send', { signal: 'SIGUSR1', target: -1 }, 'target pid must be a whole number from 1'],
      ['script:run', { argv: ['ls'], mode: 'pipe', env: {} }, 'unknown field "env"'],
      ['script:run', { argv: [], mode: 'pipe' }, 'argv must be a list of 1 to 256 strings'],
      ['echo:start', { port: 70_000 }, 'port must be a whole number from 0 to 65535, got 70000'],
      ['alarm:arm', { seconds: -1 }, 'seconds must be a whole number from 0 to 86400, got -1'],
    ];
    for (const [name, payload, error] of refusals) {
      const reply = await socket.command(name, payload);
      expect(reply, name).toEqual({ ok: false, error: expect.stringContaining(error) });
    }
    // A real "__proto__" key, which only raw JSON can carry: refused, and nothing is polluted.
    const polluting =
      '{"type":"command","id":900001,"name":"clients:spawn",' +
      '"payload":{"count":1,"mode":"process","__proto__":{"polluted":true}}}';
    expect(await socket.raw(polluting, 900_001)).toEqual({
      ok: false,
      error: 'clients:spawn: unknown field "__proto__"',
    });
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(lab.registry.list()).toEqual([]);
    expect(ofKind(events, 'run:start')).toEqual([]);
    expect(ofKind(events, 'signal:sent')).toEqual([]);
    expect((await socket.command('lab:hello', {})).ok).toBe(true);
  });

  it('closes a socket that sends non-JSON, a non-command or more than 1 MiB, and keeps serving others', async () => {
    const url = `ws://${own()}/ws${token()}`;
    expect(await closeCodeAfter(url, 'not json')).toBe(1007);
    expect(await closeCodeAfter(url, JSON.stringify({ type: 'reply', id: 1 }))).toBe(1008);
    expect(await closeCodeAfter(url, JSON.stringify({ type: 'command', id: 'x', name: 'lab:hello' }))).toBe(
      1008,
    );
    expect(await closeCodeAfter(url, Buffer.alloc((1 << 20) + 1, 0x20))).toBe(1009);
    expect((await socket.command('lab:hello', {})).ok).toBe(true);
  });

  it('survives peers that reset refused upgrades and open sockets mid-message', async () => {
    const requests = [
      `GET /ws HTTP/1.1\r\nHost: ${own()}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n`,
      `GET /ws${token()} HTTP/1.1\r\nHost: evil.example\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n`,
    ];
    for (let i = 0; i < 40; i++) {
      const raw = net.connect({ host: '127.0.0.1', port: web.port });
      raw.on('error', () => {});
      await new Promise((resolve) => raw.once('connect', resolve));
      raw.write(requests[i % 2]!);
      raw.resetAndDestroy();
    }
    const open = new WebSocket(`ws://${own()}/ws${token()}`);
    await new Promise((resolve) => open.once('open', resolve));
    open.on('error', () => {});
    (open as unknown as { _socket: net.Socket })._socket.write(Buffer.from([0x81, 0xfe, 0xff])); // half a frame
    open.terminate();
    await pause(QUIET_MS, 'the host meets the resets and the cut frame before it is asked again');
    expect((await socket.command('lab:hello', {})).ok).toBe(true);
  });

  it('stays healthy through 1,000 random commands, then answers lab:hello', async () => {
    const seed = Number(process.env.IPC_SCOPE_FUZZ_SEED) || Date.now() % 1_000_000; // set it to replay a run
    const next = seededRandom(seed);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
    // Values near every boundary the validator draws. No shell, and no argv[0] that exists: a fuzz must
    // not run real programs.
    const values: unknown[] = [
      ...[0, 1, 2, -1, 1.5, 65_535, 65_536, 86_401, 2 ** 31, 1e300, Number.MAX_SAFE_INTEGER + 2],
      ...['', 'x', '0.0.0.0', '::', 'bad host', '\u0000', 'a'.repeat(9_000), 'app', '/nonexistent'],
      ...[
        'SIGUSR1',
        'SIGUSR2',
        'SIGKILL',
        'SIGSTOP',
        'SIGSEGV',
        'process',
        'thread',
        'python',
        'pipe',
        'socket',
      ],
      ...[null, true, false, [], {}, [1, 2], { nested: { deeper: [null] } }],
    ];
    const own: Record<string, string[]> = {
      'echo:start': ['host', 'port'],
      'clients:spawn': ['count', 'mode'],
      'signal:send': ['signal', 'target'],
      'signal:spawn-target': ['signal'],
      'alarm:arm': ['seconds', 'repeat'],
      'script:run': ['argv', 'cwd', 'mode', 'shell'],
      // No pid for trace:attach: values near the bounds (1, 2) are init and a kernel thread, not the fuzz's.
      'trace:run': ['argv', 'cwd', 'shell'],
      'trace:stop': ['traceId'],
    };
    const valid: Record<string, unknown[]> = {
      host: ['127.0.0.1', '0.0.0.0', 'localhost'],
      port: [0],
      count: [1, 2],
      mode: ['process', 'thread', 'python', 'pipe', 'socket'],
      signal: ['SIGUSR1', 'SIGUSR2', 'SIGWINCH', 'SIGTERM', 'SIGHUP'],
      target: ['app', 1, process.pid],
      seconds: [0, 1, 2],
      repeat: [true, false],
      cwd: [os.tmpdir(), '/nonexistent'],
      traceId: [1, 2],
    };
    const anyField = [...new Set(Object.values(own).flat()), 'env', 'constructor', 'toString'];
    const payload = (name: string): unknown => {
      if (next() < 0.05) return pick(values);
      const body: Record<string, unknown> = {};
      const fields = next() < 0.8 && Object.hasOwn(own, name) ? own[name]! : anyField;
      for (const field of fields) {
        if (next() < 0.8) body[field] = next() < 0.6 && valid[field] ? pick(valid[field]) : pick(values);
      }
      if (next() < 0.2) body[pick(anyField)] = pick(values);
      if ('argv' in body) body.argv = pick([['/nonexistent/ipc-scope-fuzz', 'a'], [], 'ls', [1], ['']]);
      if ('shell' in body && body.shell === true) body.shell = false;
      return body;
    };
    const names = [...COMMAND_NAMES.filter((name) => name !== 'lab:hello'), 'lab:helo', '', 'constructor'];
    const replies: Reply<unknown>[] = [];
    const odd: unknown[] = [];
    // Keys that only raw JSON can carry as own keys: JSON.stringify would drop them or set a prototype.
    const poisons = ['"__proto__":{"polluted":true}', '"constructor":{"prototype":{"polluted":true}}'];
    let poisoned = 0;
    for (let i = 0; i < 1_000; i++) {
      const name = pick(names);
      const sent = payload(name);
      let reply: Reply<unknown>;
      const json = JSON.stringify(sent) ?? 'null';
      if (json.startsWith('{') && next() < 0.1) {
        poisoned += 1;
        const body = `{${pick(poisons)}${json === '{}' ? '' : ','}${json.slice(1)}`;
        const id = 800_000 + i;
        reply = await socket.raw(
          `{"type":"command","id":${id},"name":${JSON.stringify(name)},"payload":${body}}`,
          id,
        );
      } else {
        reply = await socket.command(name, sent);
      }
      replies.push(reply);
      const sound = reply.ok ? 'value' in reply : typeof reply.error === 'string' && reply.error.length > 0;
      if (!sound) odd.push({ name, sent, reply });
    }
    const why = `seed ${seed}`;
    expect(odd, why).toEqual([]);
    // Deep enough to reach the handlers, not only the validator.
    expect(replies.filter((reply) => reply.ok).length, why).toBeGreaterThan(20);
    expect(replies.filter((reply) => !reply.ok).length, why).toBeGreaterThan(500);
    expect(socket.ws.readyState, why).toBe(WebSocket.OPEN);
    expect(await socket.command('lab:hello', {}), why).toMatchObject({ ok: true });
    expect(poisoned, why).toBeGreaterThan(20);
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(ofKind(events, 'script:start'), why).toEqual([]);
    expect(ofKind(events, 'trace:start'), why).toEqual([]);
  });
});
