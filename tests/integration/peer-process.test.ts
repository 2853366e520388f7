import { readFileSync } from 'node:fs';
import net, { type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { LabEvent } from '../../contract';
import { createClock } from '../../main/engine/clock';
import { createCounter } from '../../main/engine/counter';
import { createEchoServer, type EchoServer } from '../../main/engine/echo-server';
import { createEventLog, type EventLog } from '../../main/engine/event-log';
import { findPeerProcesses, type PeerPorts } from '../../main/engine/peer-process';
import { createPeerWatch, type PeerWatch, type PeerWatchOptions } from '../../main/engine/peer-watch';
import { parseProcNetTcp } from '../../main/engine/proc-net-tcp';
import { createRunTracker, type RunTracker } from '../../main/engine/run-tracker';
import { ssSockets } from '../../main/engine/ss-sockets';
import { pause, QUIET_MS, TIMEOUT, waitFor } from '../timeouts';

const linux = process.platform === 'linux';
const ownCommand = linux ? readFileSync('/proc/self/comm', 'utf8').trim() : '';

function connect(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Every wait here is for what sockets on loopback did, and a pass over /proc. */
function until<T>(probe: () => T | undefined | false, what: string): Promise<T> {
  return waitFor(probe, what, TIMEOUT.io);
}

describe.runIf(linux)('who is at the other end of a local connection (/proc)', () => {
  const sockets: Socket[] = [];
  let server: Server | null = null;
  let echo: EchoServer | null = null;
  let watch: PeerWatch | null = null;
  let log: EventLog | null = null;
  let tracker: RunTracker | null = null;

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.destroy();
    watch?.close();
    tracker?.close();
    await echo?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    log?.close();
    server = echo = watch = log = tracker = null;
  });

  /** A connection from this process to a plain server of the test's: both its ports. */
  async function openConnection(): Promise<PeerPorts> {
    const accepted = new Promise<Socket>((resolve) => {
      server = net.createServer(resolve);
    });
    const listening = server as unknown as Server;
    await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
    const serverPort = (listening.address() as net.AddressInfo).port;
    const client = await connect(serverPort);
    sockets.push(client, await accepted);
    return { peerPort: client.localPort ?? 0, serverPort };
  }

  // Through ss (netlink), through /proc/net/tcp, and through /proc when the ss it was given cannot run.
  it.each([
    ['ss', 'ss'],
    ['/proc/net/tcp', null],
    ['/proc/net/tcp, as ss is missing', '/nonexistent/ss'],
  ])(
    'finds this test process as the owner of a socket it opened, with its command name, via %s',
    async (_, ss) => {
      const { peerPort, serverPort } = await openConnection();
      const found = await findPeerProcesses([{ peerPort, serverPort }], {
        timeoutMs: 5_000,
        ss,
      });
      expect(found).toEqual([{ pid: process.pid, command: ownCommand }]);
    },
  );

  it('hears from ss of the same socket, with the same inode, as /proc/net/tcp lists', async () => {
    const { peerPort, serverPort } = await openConnection();
    const fromProc = parseProcNetTcp(readFileSync('/proc/net/tcp', 'latin1')).find(
      (entry) => entry.localPort === peerPort && entry.remotePort === serverPort,
    );
    expect(fromProc?.inode).toBeGreaterThan(0);
    expect(await ssSockets([peerPort])).toEqual([fromProc]);
  });

  it('answers null for a port pair no socket has', async () => {
    expect(await findPeerProcesses([{ peerPort: 1, serverPort: 2 }])).toEqual([null]);
  });

  /** The pid of the lab client the tests' run has spawned; the lab ties a connection that names it. */
  const LAB_CLIENT_PID = 424_242;

  /** An echo server watched for peers, with the lab's run tracker and one open run of one client. */
  async function startWatchedEcho(options: Omit<PeerWatchOptions, 'log'>) {
    log = createEventLog({ clock: createClock() });
    const events: LabEvent[] = [];
    log.tap((event) => events.push(event));
    watch = createPeerWatch({ log, ...options });
    tracker = createRunTracker({ log });
    echo = createEchoServer({ log, nextConnId: createCounter(), port: 0, identify: tracker.identify });
    log.append({ kind: 'run:start', runId: 1, mode: 'process', count: 1 });
    log.append({ kind: 'client:spawn', runId: 1, clientId: '1.1', mode: 'process', pid: LAB_CLIENT_PID });
    const { port } = await echo.start();
    return { events, port };
  }

  it("reports conn:peer for an external client, once, and skips the lab's own clients", async () => {
    // The lab client must say who it is before it comes due: a second leaves room for a loaded machine.
    const { events, port } = await startWatchedEcho({ minAgeMs: 1_000 });

    const outsider = await connect(port);
    sockets.push(outsider);
    outsider.write('hello');
    // Shaped like a lab client's message, but naming no client of the lab: it is looked up like any other.
    const lookalike = await connect(port);
    sockets.push(lookalike);
    lookalike.write('client:process=999999');
    const labClient = await connect(port);
    sockets.push(labClient);
    labClient.write(`client:process=${LAB_CLIENT_PID}`);
    const silent = await connect(port);
    sockets.push(silent);

    const peers = await until(() => {
      const found = events.filter((event) => event.kind === 'conn:peer');
      return found.length >= 3 ? found : undefined;
    }, 'three conn:peer');
    const opened = new Map(
      events.flatMap((event) => (event.kind === 'conn:open' ? [[event.remotePort, event.connId]] : [])),
    );
    const connOf = (socket: Socket) => opened.get(socket.localPort ?? 0) ?? -1;
    const byConn = new Map(peers.map((event) => [event.kind === 'conn:peer' ? event.connId : 0, event]));
    for (const socket of [outsider, lookalike, silent]) {
      expect(byConn.get(connOf(socket))).toMatchObject({ pid: process.pid, command: ownCommand });
    }
    await pause(400, 'a second conn:peer for a connection, which must not come, would come in a later pass');
    expect(events.filter((event) => event.kind === 'conn:peer')).toHaveLength(3);
    expect(byConn.has(connOf(labClient))).toBe(false);
    expect(events.filter((event) => event.kind === 'conn:identified')).toEqual([
      expect.objectContaining({ connId: connOf(labClient), clientId: '1.1' }),
    ]);
  });

  it('names the connections that came due while a pass ran in one pass over /proc', async () => {
    const passes: PeerPorts[][] = [];
    const minAgeMs = 100;
    // The first pass lasts until the test has the later connections open and due, however long that takes.
    let releaseFirstPass = () => {};
    const laterDue = new Promise<void>((resolve) => {
      releaseFirstPass = resolve;
    });
    const { events, port } = await startWatchedEcho({
      minAgeMs,
      maxShare: 1, // no pause after a pass: the next one starts as soon as this one ends
      lookup: async (connections) => {
        passes.push([...connections]);
        const found = await findPeerProcesses(connections);
        if (passes.length === 1) await laterDue;
        return found;
      },
    });
    sockets.push(await connect(port));
    await until(() => passes.length === 1, 'the first pass');
    const later = await Promise.all([connect(port), connect(port), connect(port)]);
    sockets.push(...later);
    await until(() => events.filter((event) => event.kind === 'conn:open').length === 4, 'four opens');
    await pause(2 * minAgeMs, "past the later connections' due time");
    releaseFirstPass();
    const peers = await until(() => {
      const found = events.filter((event) => event.kind === 'conn:peer');
      return found.length >= 4 ? found : undefined;
    }, 'four conn:peer');
    expect(passes).toHaveLength(2);
    expect(passes[1]?.map((ports) => ports.peerPort).sort()).toEqual(later.map((s) => s.localPort).sort());
    for (const peer of peers) expect(peer).toMatchObject({ pid: process.pid, command: ownCommand });
  });

  it('never looks up a client that closes before it is due, so a burst of quick clients costs nothing', async () => {
    let passes = 0;
    const { events, port } = await startWatchedEcho({
      minAgeMs: 1_000,
      lookup: (connections) => {
        passes += 1;
        return findPeerProcesses(connections);
      },
    });
    for (let i = 0; i < 50; i++) {
      const socket = await connect(port);
      const replied = new Promise((resolve) => socket.once('data', resolve));
      socket.write(`quick-${i}`);
      await replied;
      socket.destroy();
    }
    await until(() => events.filter((event) => event.kind === 'conn:close').length >= 50, '50 closes');
    await pause(1_200, 'past the due time of the last one');
    expect(passes).toBe(0);
    expect(events.filter((event) => event.kind === 'conn:peer')).toHaveLength(0);
  });

  it('drops the answer for a connection that shows it is a lab client while its pass runs', async () => {
    let passes = 0;
    let passEnded = false;
    // The pass lasts until the connection has said it is a lab client, however long that takes.
    let endPass = () => {};
    const identified = new Promise<void>((resolve) => {
      endPass = resolve;
    });
    const { events, port } = await startWatchedEcho({
      minAgeMs: 50,
      lookup: async (connections) => {
        passes += 1;
        const found = await findPeerProcesses(connections);
        await identified;
        passEnded = true;
        return found;
      },
    });
    const late = await connect(port);
    sockets.push(late);
    await until(() => passes === 1, 'the pass');
    late.write(`client:process=${LAB_CLIENT_PID}`);
    await until(() => events.some((event) => event.kind === 'conn:identified'), 'conn:identified');
    endPass();
    await until(() => passEnded, 'the pass to end');
    await pause(QUIET_MS, 'the conn:peer, which must not come, would follow the pass at once');
    expect(events.filter((event) => event.kind === 'conn:peer')).toHaveLength(0);
  });

  it('paces passes by what the last one cost', async () => {
    const starts: number[] = [];
    const COST_MS = 300;
    const { events, port } = await startWatchedEcho({
      minAgeMs: 50,
      maxShare: 0.5,
      lookup: async (connections) => {
        starts.push(performance.now());
        const found = await findPeerProcesses(connections);
        await pause(COST_MS, 'what this pass costs');
        return found;
      },
    });
    sockets.push(await connect(port));
    await until(() => starts.length === 1, 'the first pass');
    sockets.push(await connect(port));
    await until(() => events.filter((event) => event.kind === 'conn:peer').length >= 2, 'two conn:peer');
    expect(starts).toHaveLength(2);
    // A share of 0.5 means a pass that took COST_MS is followed by at least as long a pause (timers may be
    // a little early, so a few ms of slack).
    expect((starts[1] ?? 0) - (starts[0] ?? 0)).toBeGreaterThanOrEqual(2 * COST_MS - 20);
  });
});
