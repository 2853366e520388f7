import { describe, expect, it } from 'vitest';
import type { CommandResult } from '../../contract/commands';
import type { LabEvent, LabEventBody } from '../../contract/events';
import { createIngest } from '../../renderer/src/app/event-ingest';
import { createLabStore } from '../../renderer/src/store/lab-store';
import { listLiveChildren } from '../../renderer/src/store/live-children';
import { createPacedView } from '../../renderer/src/store/paced-view';
import { TimelineData } from '../../renderer/src/timeline/timeline-data';
import { connOpen } from './event-bodies';
import { fakeLab, info, stamp } from './fake-lab';

/** A store fed through the app's ingest, on a fake lab that answers every command with `answer`. */
function labStore(answer: (name: string) => unknown = () => undefined) {
  const lab = fakeLab(undefined, (name) => answer(name) as CommandResult<typeof name>);
  const store = createLabStore(lab.bridge);
  const ingest = createIngest(store, new TimelineData(), createPacedView(store));
  return { lab, store, apply: (...bodies: LabEventBody[]) => ingest(stamp(...bodies)) };
}

describe('store: the echo server', () => {
  it('words a server error as code and message, and keeps whether it was listening', () => {
    const { store, apply } = labStore();
    apply({ kind: 'server:listening', host: '127.0.0.1', port: 5000 });
    apply({
      kind: 'server:error',
      host: '127.0.0.1',
      port: 80,
      code: 'EACCES',
      message: 'permission denied',
    });
    expect(store.getState().echo).toEqual({
      listening: true,
      host: '127.0.0.1',
      port: 80,
      error: 'EACCES: permission denied',
    });
  });

  it('takes a server error before any status as not listening', () => {
    const { store, apply } = labStore();
    apply({ kind: 'server:error', host: '0.0.0.0', port: 1, code: 'EADDRINUSE', message: 'in use' });
    expect(store.getState().echo?.listening).toBe(false);
  });

  it('counts refused connections, also those in the history replayed after the hello', () => {
    const { store, apply } = labStore();
    store.getState().applySnapshot({ info, history: { events: 1, lastSeq: 10 ** 9 }, evicted: 0 });
    apply({ kind: 'conn:refused', remoteAddress: '127.0.0.1', remotePort: 1, total: 3, limit: 2 });
    expect(store.getState().refused).toEqual({ total: 3, limit: 2 });
    expect(store.getState().echo).toEqual(info.echo);
  });

  it('takes the status a start or stop replies with, and keeps the last one when the command fails', async () => {
    const stopped = { listening: false, host: '127.0.0.1', port: 5000, error: null };
    const { lab, store } = labStore((name) => {
      if (name === 'echo:stop') return stopped;
      throw new Error('port taken');
    });
    await store.getState().stopEcho();
    expect(store.getState().echo).toEqual(stopped);
    await store.getState().startEcho(6000);
    expect(store.getState().echo).toEqual(stopped);
    expect(lab.calls).toEqual([
      { name: 'echo:stop', payload: {} },
      { name: 'echo:start', payload: { port: 6000 } },
    ]);
    expect(store.getState().errors.map((error) => error.message)).toEqual(['port taken']);
  });

  it('takes the status a successful start replies with', async () => {
    const listening = { listening: true, host: '127.0.0.1', port: 6000, error: null };
    const { store } = labStore(() => listening);
    await store.getState().startEcho(6000);
    expect(store.getState().echo).toEqual(listening);
  });
});

describe('store: connections', () => {
  it('keeps the first chunk and its size, and adds up the bytes of every chunk', () => {
    const { store, apply } = labStore();
    apply(
      connOpen(1),
      { kind: 'conn:data', connId: 1, data: 'Zmlyc3Q=', size: 5 },
      { kind: 'conn:data', connId: 1, data: 'c2Vjb25k', size: 6 },
      { kind: 'conn:extra', connId: 1, data: 'eA==', size: 1 },
    );
    expect(store.getState().connections.get(1)).toMatchObject({
      sent: 'Zmlyc3Q=',
      sentSize: 5,
      bytesIn: 12,
      peerKnown: false,
      peer: '127.0.0.1:40001',
      localPort: 5000,
    });
  });

  it('keeps the first reply time, the latest reply text, and adds up what was sent back', () => {
    const { store, apply } = labStore();
    apply(connOpen(3), { kind: 'conn:reply', connId: 3, text: 'one', size: 3 });
    const repliedAt = store.getState().connections.get(3)?.repliedAt;
    apply({ kind: 'conn:reply', connId: 3, text: 'two', size: 4 });
    expect(store.getState().connections.get(3)).toMatchObject({ reply: 'two', repliedAt, bytesOut: 7 });
    expect(repliedAt).toBeGreaterThan(0);
  });

  it('records the peer, an error in words, the close, and the client it was tied to', () => {
    const { store, apply } = labStore();
    apply(
      connOpen(4),
      { kind: 'conn:peer', connId: 4, pid: 99, command: 'nc' },
      { kind: 'conn:error', connId: 4, code: 'ECONNRESET', message: 'reset by peer' },
      { kind: 'conn:identified', connId: 4, runId: 1, clientId: '1.1' },
      { kind: 'conn:close', connId: 4, cause: 'client', bytesIn: 10, bytesOut: 20 },
    );
    expect(store.getState().connections.get(4)).toMatchObject({
      peerPid: 99,
      peerCommand: 'nc',
      peerKnown: true,
      error: 'ECONNRESET: reset by peer',
      runId: 1,
      clientId: '1.1',
      cause: 'client',
      bytesIn: 10,
      bytesOut: 20,
    });
    expect(store.getState().connections.get(4)?.closedAt).toBeGreaterThan(0);
  });

  it('ignores events of a connection whose open it never saw', () => {
    const { store, apply } = labStore();
    apply(
      { kind: 'conn:data', connId: 5, data: '', size: 1 },
      { kind: 'conn:close', connId: 5, cause: 'client', bytesIn: 1, bytesOut: 0 },
    );
    expect(store.getState().connections.size).toBe(0);
  });
});

describe('store: the alarm', () => {
  it('takes an arm for 0 seconds as a cancel, as signal.alarm(0) is', () => {
    const { store, apply } = labStore();
    apply({ kind: 'alarm:armed', seconds: 5, repeat: false, deadline: 5_000_000, previousRemaining: 0 });
    apply({ kind: 'alarm:armed', seconds: 0, repeat: false, deadline: 0, previousRemaining: 5 });
    expect(store.getState().alarm).toMatchObject({ pending: null, lastPreviousRemaining: 5 });
  });

  it('expects a repeating alarm again one interval after it fired, until the re-arm says when', () => {
    const { store, apply } = labStore();
    apply({ kind: 'alarm:armed', seconds: 2, repeat: true, deadline: 2_000_000, previousRemaining: 0 });
    apply({ kind: 'alarm:fired', repeat: true });
    const { fired, lastFiredAt, pending, awaitingRepeat } = store.getState().alarm;
    expect([fired, awaitingRepeat]).toEqual([1, true]);
    expect(pending).toEqual({ seconds: 2, repeat: true, deadline: (lastFiredAt ?? 0) + 2_000_000 });
  });

  it('after a cancel, takes the next repeating arm as the user’s, with what it replaced', () => {
    const { store, apply } = labStore();
    apply(
      { kind: 'alarm:armed', seconds: 2, repeat: true, deadline: 2_000_000, previousRemaining: 0 },
      { kind: 'alarm:fired', repeat: true },
      { kind: 'alarm:cancelled', remaining: 2 },
    );
    expect(store.getState().alarm).toMatchObject({
      pending: null,
      awaitingRepeat: false,
      lastCancelledRemaining: 2,
    });
    apply({ kind: 'alarm:armed', seconds: 4, repeat: true, deadline: 9_000_000, previousRemaining: 0 });
    expect(store.getState().alarm).toMatchObject({ lastPreviousRemaining: 0, lastCancelledRemaining: null });
  });

  it('takes what the very first arm replaced, even a repeating one', () => {
    const { store, apply } = labStore();
    apply({ kind: 'alarm:armed', seconds: 3, repeat: true, deadline: 3_000_000, previousRemaining: 7 });
    expect(store.getState().alarm.lastPreviousRemaining).toBe(7);
  });

  it('sends arm and cancel to the lab as asked', async () => {
    const { lab, store } = labStore();
    await store.getState().armAlarm(3, true);
    await store.getState().cancelAlarm();
    expect(lab.calls).toEqual([
      { name: 'alarm:arm', payload: { seconds: 3, repeat: true } },
      { name: 'alarm:cancel', payload: {} },
    ]);
  });
});

describe('store: signals', () => {
  it('gives a send to a child its own row, and a send to the app none (it comes back as received)', () => {
    const { store, apply } = labStore();
    apply(
      { kind: 'signal:sent', signal: 'SIGUSR1', number: 10, pid: 4242, target: 'app' },
      { kind: 'signal:sent', signal: 'SIGSTOP', number: 19, pid: 700, target: 'child' },
    );
    expect(store.getState().deliveries).toEqual([
      expect.objectContaining({
        signal: 'SIGSTOP',
        number: 19,
        pid: 700,
        who: 'child',
        source: 'button',
        line: null,
      }),
    ]);
  });

  it("records a target's exit and forgets whether it was stopped", () => {
    const { store, apply } = labStore();
    apply(
      { kind: 'target:spawn', pid: 600, signal: 'SIGUSR1', number: 10 },
      { kind: 'child:state', pid: 600, state: 'stopped' },
      { kind: 'child:state', pid: 601, state: 'continued' },
    );
    expect(store.getState().childStates.get(600)).toEqual({ state: 'stopped' });
    apply({ kind: 'target:exit', pid: 600, code: null, signal: 'SIGKILL' });
    const state = store.getState();
    expect(state.targets.get(600)).toMatchObject({
      signal: 'SIGUSR1',
      number: 10,
      exit: { code: null, signal: 'SIGKILL' },
    });
    expect([...state.childStates]).toEqual([[601, { state: 'continued' }]]);
  });

  it('takes the exit of a target it never saw, and leaves the child states as they were', () => {
    const { store, apply } = labStore();
    apply({ kind: 'child:state', pid: 700, state: 'stopped' });
    const before = store.getState().childStates;
    apply({ kind: 'target:exit', pid: 601, code: 0, signal: null });
    expect(store.getState().targets.size).toBe(0);
    expect(store.getState().childStates).toBe(before);
  });

  it('keeps the newest 1,000 deliveries and counts the ones it let go', () => {
    const { store, apply } = labStore();
    const received = (pid: number): LabEventBody => ({
      kind: 'signal:received',
      signal: 'SIGUSR2',
      number: 12,
      source: 'external',
      pid,
    });
    apply(...Array.from({ length: 1_100 }, (_, i) => received(i)));
    apply(...Array.from({ length: 300 }, (_, i) => received(1_100 + i)));
    const { deliveries, deliveriesTrimmed } = store.getState();
    expect(deliveries).toHaveLength(1_000);
    expect(deliveriesTrimmed).toBe(400);
    expect([deliveries[0]?.pid, deliveries.at(-1)?.pid]).toEqual([400, 1_399]);
  });

  it('sends a signal and spawns a target through the lab', async () => {
    const { lab, store } = labStore();
    await store.getState().sendSignal('SIGUSR1', 700);
    await store.getState().spawnTarget('SIGTERM');
    expect(lab.calls).toEqual([
      { name: 'signal:send', payload: { signal: 'SIGUSR1', target: 700 } },
      { name: 'signal:spawn-target', payload: { signal: 'SIGTERM' } },
    ]);
  });
});

describe('store: clients and runs', () => {
  const spawn = (clientId: string, thread?: number): LabEventBody => ({
    kind: 'client:spawn',
    runId: 1,
    clientId,
    mode: thread === undefined ? 'process' : 'thread',
    pid: 100,
    thread,
  });
  const out = (clientId: string, text: string, stream: 'stdout' | 'stderr' = 'stdout'): LabEventBody => ({
    kind: 'client:output',
    runId: 1,
    clientId,
    stream,
    text,
  });

  it('keeps the newest 50 lines of each stream, split on either line end, and counts the dropped ones', () => {
    const { store, apply } = labStore();
    apply(spawn('a'));
    apply(out('a', Array.from({ length: 30 }, (_, i) => `line ${i}`).join('\r\n')));
    apply(out('a', `${Array.from({ length: 30 }, (_, i) => `more ${i}`).join('\n')}\n`));
    const client = store.getState().clients.get('a');
    expect(client?.stdout).toHaveLength(50);
    expect(client?.stdout[0]).toBe('line 10');
    expect(client?.stdout.at(-1)).toBe('more 29');
    expect(client?.droppedLines).toBe(10);
    expect(client?.thread).toBeNull();
  });

  it('keeps the first reply line and its time, and orders clients by when it arrived', () => {
    const { store, apply } = labStore();
    apply(spawn('a', 1), spawn('b', 2));
    apply(out('b', 'client got: [first]\n'));
    const repliedAt = store.getState().clients.get('b')?.repliedAt;
    apply(out('b', 'client got: [again]\n'), out('a', 'client got: [a]\n'));
    const { clients, replyOrder, repliesTrimmed } = store.getState();
    expect(clients.get('b')).toMatchObject({ reply: 'client got: [first]', repliedAt, thread: 2 });
    expect(replyOrder).toEqual(['b', 'a']);
    expect(repliesTrimmed).toBe(0);
  });

  it('ignores output, exits and run ends for clients and runs it never saw start', () => {
    const { store, apply } = labStore();
    apply(
      out('ghost', 'client got: [x]\n'),
      { kind: 'client:exit', runId: 9, clientId: 'ghost', pid: 1, code: 0, signal: null },
      { kind: 'run:end', runId: 9, accepted: [], replied: [], exited: [] },
      { kind: 'conn:identified', connId: 1, runId: 9, clientId: 'ghost' },
    );
    const state = store.getState();
    expect([state.clients.size, state.runs.size, state.replyOrder.length]).toEqual([0, 0, 0]);
  });

  it('sends a spawn to the lab as asked', async () => {
    const { lab, store } = labStore();
    await store.getState().spawnClients(3, 'thread');
    expect(lab.calls).toEqual([{ name: 'clients:spawn', payload: { count: 3, mode: 'thread' } }]);
  });
});

describe('store: scripts', () => {
  it('records a script that could not run, with its argv and why', () => {
    const { store, apply } = labStore();
    apply({ kind: 'script:error', scriptId: 4, argv: ['nope'], message: 'ENOENT' });
    expect(store.getState().scripts.get(4)).toMatchObject({ argv: ['nope'], error: 'ENOENT', pid: null });
    expect(store.getState().latestScriptId).toBe(4);
  });

  it('names the newest script by id, whatever order they are heard of', () => {
    const { store, apply } = labStore();
    apply(
      { kind: 'script:output', scriptId: 7, stream: 'stdout', text: 'x' },
      { kind: 'script:output', scriptId: 3, stream: 'stdout', text: 'y' },
    );
    expect(store.getState().latestScriptId).toBe(7);
  });

  it('takes the start of a script it already had output for, with its socket', () => {
    const { store, apply } = labStore();
    const start = { argv: ['cat'], cwd: '/tmp', mode: 'socket', shell: true, pid: 5, connId: 8 } as const;
    apply(
      { kind: 'script:output', scriptId: 1, stream: 'stdout', text: 'early' },
      { kind: 'script:start', scriptId: 1, ...start, argv: [...start.argv] },
    );
    expect(store.getState().scripts.get(1)).toMatchObject({
      ...start,
      segments: [{ stream: 'stdout', text: 'early' }],
      chars: 5,
    });
  });

  it('cuts the oldest text past 1 MiB: whole segments first, then the front of the next', () => {
    const { store, apply } = labStore();
    apply({ kind: 'script:output', scriptId: 1, stream: 'stderr', text: 'ab' });
    apply({ kind: 'script:output', scriptId: 1, stream: 'stdout', text: 'cd' });
    apply({ kind: 'script:output', scriptId: 1, stream: 'stderr', text: 'x'.repeat(1024 * 1024 - 1) });
    const script = store.getState().scripts.get(1);
    expect(script?.segments.map((segment) => [segment.stream, segment.text.length])).toEqual([
      ['stdout', 1],
      ['stderr', 1024 * 1024 - 1],
    ]);
    expect(script?.segments[0]?.text).toBe('d');
    expect([script?.chars, script?.trimmedChars]).toEqual([1024 * 1024, 3]);
  });

  it('shows a script heard of only by its output, drops or exit with no command yet', () => {
    const { store, apply } = labStore();
    apply(
      { kind: 'script:output', scriptId: 1, stream: 'stdout', text: 'x' },
      { kind: 'script:dropped', scriptId: 2, stream: 'stderr', bytes: 5, limit: 4 },
      { kind: 'script:exit', scriptId: 3, pid: 9, code: 1, signal: null },
    );
    const blank = { argv: [], cwd: '', mode: 'pipe', shell: false, pid: null, connId: null };
    const { scripts } = store.getState();
    expect(scripts.get(1)).toMatchObject(blank);
    expect(scripts.get(2)).toMatchObject({ ...blank, dropped: { stdout: 0, stderr: 5 }, dropLimit: 4 });
    expect(scripts.get(3)).toMatchObject({ ...blank, exit: { code: 1, signal: null } });
  });
});

describe('store: errors, link and the form', () => {
  it('shows the newest five failed commands and dismisses the one asked', async () => {
    const { store } = labStore(() => {
      throw new Error('no');
    });
    for (let i = 0; i < 7; i++) await store.getState().spawnClients(i, 'process');
    const ids = store.getState().errors.map((error) => error.id);
    expect(ids).toEqual([3, 4, 5, 6, 7]);
    expect(store.getState().errors[0]).toEqual({ id: 3, command: 'clients:spawn', message: 'no' });
    store.getState().dismissError(5);
    expect(store.getState().errors.map((error) => error.id)).toEqual([3, 4, 6, 7]);
  });

  it('stays lost when the snapshot comes after the link was lost, and never lowers the evicted count', () => {
    const { store, apply } = labStore();
    apply({ kind: 'log:evicted', count: 9, total: 9, capacity: 10 });
    store.getState().setLinkLost('gone');
    store.getState().applySnapshot({ info, history: { events: 0, lastSeq: 0 }, evicted: 4 });
    expect(store.getState()).toMatchObject({ link: 'lost', linkMessage: 'gone', evicted: 9 });
    expect(store.getState().clockOffsetMs).toBe(info.startedAtMs);
  });

  it('keeps the newest event time, even when a later seq carries an earlier time', () => {
    const { store } = labStore();
    const ingest = createIngest(store, new TimelineData(), createPacedView(store));
    const [a, b] = stamp({ kind: 'alarm:fired', repeat: false }, { kind: 'alarm:fired', repeat: false });
    ingest([
      { ...a, t: 5_000 },
      { ...b, t: 4_000 },
    ] as LabEvent[]);
    expect(store.getState().lastT).toBe(5_000);
    expect(store.getState().lastSeq).toBe(b?.seq);
  });

  it('starts connecting, with nothing applied and no echo server known', () => {
    const { store } = labStore();
    expect(store.getState()).toMatchObject({
      link: 'connecting',
      linkMessage: null,
      lastSeq: 0,
      history: { events: 0, lastSeq: 0 },
      echo: null,
      refused: null,
      alarm: { pending: null, fired: 0, awaitingRepeat: false },
    });
  });

  it('keeps what the spawn form and the help show', () => {
    const { store } = labStore();
    expect(store.getState()).toMatchObject({ spawnCount: '5', spawnMode: null, helpOpen: false });
    store.getState().setSpawnCount('12');
    store.getState().setSpawnMode('python');
    store.getState().setHelpOpen(true);
    expect(store.getState()).toMatchObject({ spawnCount: '12', spawnMode: 'python', helpOpen: true });
  });
});

describe('store: live children for the signal picker', () => {
  it('lists each live pid once, labelled, and leaves out the app, the exited, the failed and the pid-less', () => {
    const { store, apply } = labStore();
    apply(
      { kind: 'client:spawn', runId: 1, clientId: '1.1', mode: 'process', pid: 301 },
      { kind: 'client:spawn', runId: 1, clientId: '1.2', mode: 'python', pid: 302 },
      { kind: 'client:spawn', runId: 1, clientId: '1.3', mode: 'process', pid: 303 },
      { kind: 'client:exit', runId: 1, clientId: '1.3', pid: 303, code: 0, signal: null },
      { kind: 'client:spawn', runId: 2, clientId: '2.1', mode: 'process', pid: info.pid },
      { kind: 'target:spawn', pid: 301, signal: 'SIGINT', number: 2 },
      {
        kind: 'script:start',
        scriptId: 1,
        argv: ['sleep', '5'],
        cwd: '/',
        mode: 'pipe',
        shell: false,
        pid: 0,
      },
      { kind: 'script:start', scriptId: 2, argv: ['yes'], cwd: '/', mode: 'pipe', shell: false, pid: 401 },
      { kind: 'script:error', scriptId: 2, argv: ['yes'], message: 'failed' },
      {
        kind: 'script:start',
        scriptId: 3,
        argv: ['cat', '-'],
        cwd: '/',
        mode: 'pipe',
        shell: false,
        pid: 402,
      },
      { kind: 'child:state', pid: 402, state: 'continued' },
      { kind: 'script:output', scriptId: 4, stream: 'stdout', text: 'no start seen, so no pid' },
      { kind: 'script:start', scriptId: 5, argv: ['true'], cwd: '/', mode: 'pipe', shell: false, pid: 403 },
      { kind: 'script:exit', scriptId: 5, pid: 403, code: 0, signal: null },
    );
    const state = store.getState();
    const live = listLiveChildren({ ...state, appPid: info.pid });
    expect(live).toEqual([
      { pid: 301, kind: 'target', label: 'pid 301: signal target for SIGINT' },
      { pid: 402, kind: 'script', label: 'pid 402: script cat -' },
      { pid: 302, kind: 'client', label: 'pid 302: python client 1.2' },
    ]);
  });
});
