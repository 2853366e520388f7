import { describe, expect, it } from 'vitest';
import { describeRow } from '../../renderer/src/reply-log/log-row';
import { listLiveChildren } from '../../renderer/src/store/live-children';
import { SCRIPT_TEXT_LIMIT } from '../../renderer/src/store/scripts-slice';
import { stamp, started } from './fake-lab';

describe('lab store: what it derives from events', () => {
  it('makes a reply row for a client once its `client got:` line arrives', async () => {
    const line = `client got: [b"server got: [b'client:process=123']"]`;
    const { lab, store } = await started(
      stamp(
        { kind: 'client:spawn', runId: 1, clientId: 'a', mode: 'process', pid: 123 },
        { kind: 'client:spawn', runId: 1, clientId: 'b', mode: 'process', pid: 124 },
      ),
    );
    lab.emit(
      stamp(
        { kind: 'client:output', runId: 1, clientId: 'a', stream: 'stdout', text: `connected\n${line}\n` },
        { kind: 'client:output', runId: 1, clientId: 'b', stream: 'stderr', text: 'client got: nothing\n' },
      ),
    );
    const state = store.getState();
    expect(state.replyOrder).toEqual(['a']);
    expect(state.clients.get('a')).toMatchObject({ reply: line, mode: 'process', pid: 123 });
    expect(state.clients.get('b')?.reply).toBeNull();
    expect(state.clients.get('b')?.stderr).toEqual(['client got: nothing']);
  });

  it("words a client's exit the same in the reply log and on its timeline lane", async () => {
    const { lab, store, app } = await started(
      stamp(
        { kind: 'client:spawn', runId: 1, clientId: 'a', mode: 'process', pid: 123 },
        { kind: 'client:spawn', runId: 1, clientId: 'b', mode: 'process', pid: 124 },
      ),
    );
    lab.emit(
      stamp(
        { kind: 'client:exit', runId: 1, clientId: 'a', pid: 123, code: 3, signal: null },
        { kind: 'client:exit', runId: 1, clientId: 'b', pid: 124, code: null, signal: 'SIGTERM' },
      ),
    );
    const lanes = app.timeline.data.lanes;
    for (const [clientId, words] of [
      ['a', 'exited with code 3'],
      ['b', 'killed by SIGTERM'],
    ] as const) {
      expect(describeRow(`client:${clientId}`, store.getState())?.end).toBe(words);
      expect(lanes.forClient(1, clientId)?.exitText).toBe(words);
    }
  });

  it('records the three orders from run:end and ties connections to clients', async () => {
    const { lab, store } = await started();
    lab.emit(
      stamp(
        { kind: 'run:start', runId: 3, mode: 'thread', count: 2 },
        { kind: 'client:spawn', runId: 3, clientId: 'x', mode: 'thread', pid: 4242, thread: 1 },
        {
          kind: 'conn:open',
          connId: 9,
          role: 'echo',
          remoteAddress: '127.0.0.1',
          remotePort: 40000,
          localPort: 5000,
        },
        { kind: 'conn:identified', connId: 9, runId: 3, clientId: 'x' },
        { kind: 'conn:data', connId: 9, data: 'eA==', size: 1 },
        { kind: 'conn:reply', connId: 9, text: "server got: [b'x']", size: 18 },
        { kind: 'conn:close', connId: 9, cause: 'client', bytesIn: 1, bytesOut: 18 },
        { kind: 'run:end', runId: 3, accepted: ['y', 'x'], replied: ['x', 'y'], exited: ['y', 'x'] },
      ),
    );
    const state = store.getState();
    expect(state.runs.get(3)).toMatchObject({
      accepted: ['y', 'x'],
      replied: ['x', 'y'],
      exited: ['y', 'x'],
    });
    expect(state.connections.get(9)).toMatchObject({
      peer: '127.0.0.1:40000',
      runId: 3,
      clientId: 'x',
      reply: "server got: [b'x']",
      cause: 'client',
      bytesOut: 18,
    });
    expect(state.clients.get('x')?.connId).toBe(9);
  });

  it('lists app and target deliveries as signal rows', async () => {
    const { lab, store } = await started();
    lab.emit(
      stamp(
        { kind: 'signal:received', signal: 'SIGUSR2', number: 12, source: 'external', pid: 4242 },
        { kind: 'target:spawn', pid: 555, signal: 'SIGUSR1', number: 10 },
        { kind: 'target:signal', pid: 555, signal: 'SIGUSR1', number: 10, line: 'got SIGUSR1' },
      ),
    );
    const rows = store.getState().deliveries;
    expect(rows.map((row) => [row.who, row.signal, row.number, row.pid])).toEqual([
      ['app', 'SIGUSR2', 12, 4242],
      ['target', 'SIGUSR1', 10, 555],
    ]);
    expect(rows[0]?.source).toBe('external');
    expect(rows[1]?.line).toBe('got SIGUSR1');
  });

  it('tracks the pending alarm, what the previous one had left, and firing', async () => {
    const { lab, store } = await started();
    lab.emit(
      stamp({ kind: 'alarm:armed', seconds: 5, repeat: true, deadline: 9_000_000, previousRemaining: 0 }),
    );
    expect(store.getState().alarm.pending).toEqual({ seconds: 5, repeat: true, deadline: 9_000_000 });
    lab.emit(
      stamp({ kind: 'alarm:armed', seconds: 3, repeat: false, deadline: 7_000_000, previousRemaining: 4 }),
    );
    expect(store.getState().alarm).toMatchObject({ lastPreviousRemaining: 4, pending: { seconds: 3 } });
    lab.emit(stamp({ kind: 'alarm:fired', repeat: false }));
    expect(store.getState().alarm).toMatchObject({ pending: null, fired: 1 });
    lab.emit(
      stamp(
        { kind: 'alarm:armed', seconds: 8, repeat: false, deadline: 20_000_000, previousRemaining: 0 },
        { kind: 'alarm:cancelled', remaining: 6 },
      ),
    );
    expect(store.getState().alarm).toMatchObject({ pending: null, lastCancelledRemaining: 6 });
  });

  it("keeps what the user's arm replaced when a repeating alarm re-arms itself", async () => {
    const { lab, store } = await started();
    lab.emit(
      stamp(
        { kind: 'alarm:armed', seconds: 9, repeat: false, deadline: 9_000_000, previousRemaining: 0 },
        { kind: 'alarm:armed', seconds: 2, repeat: true, deadline: 3_000_000, previousRemaining: 8 },
        { kind: 'alarm:fired', repeat: true },
      ),
    );
    expect(store.getState().alarm.pending).toMatchObject({ seconds: 2, repeat: true });
    lab.emit(
      stamp({ kind: 'alarm:armed', seconds: 2, repeat: true, deadline: 5_000_000, previousRemaining: 0 }),
    );
    expect(store.getState().alarm).toMatchObject({
      pending: { deadline: 5_000_000 },
      lastPreviousRemaining: 8,
      fired: 1,
    });
  });

  it('keeps script stdout and stderr apart, in order, with the exit and the running dropped total', async () => {
    const { lab, store } = await started();
    lab.emit(
      stamp(
        {
          kind: 'script:start',
          scriptId: 1,
          argv: ['ls', '-l'],
          cwd: '/tmp',
          mode: 'pipe',
          shell: false,
          pid: 77,
        },
        { kind: 'script:output', scriptId: 1, stream: 'stdout', text: 'a\n' },
        { kind: 'script:output', scriptId: 1, stream: 'stdout', text: 'b\n' },
        { kind: 'script:output', scriptId: 1, stream: 'stderr', text: 'oops\n' },
      ),
    );
    lab.emit(
      stamp(
        { kind: 'script:output', scriptId: 1, stream: 'stdout', text: 'c\n' },
        { kind: 'script:dropped', scriptId: 1, stream: 'stdout', bytes: 10, limit: 4096 },
        { kind: 'script:dropped', scriptId: 1, stream: 'stdout', bytes: 25, limit: 4096 },
        { kind: 'script:exit', scriptId: 1, pid: 77, code: 0, signal: null },
      ),
    );
    const script = store.getState().scripts.get(1);
    expect(script?.segments).toEqual([
      { stream: 'stdout', text: 'a\nb\n' },
      { stream: 'stderr', text: 'oops\n' },
      { stream: 'stdout', text: 'c\n' },
    ]);
    expect(script).toMatchObject({ exit: { code: 0, signal: null }, dropped: { stdout: 25, stderr: 0 } });
    expect(store.getState().latestScriptId).toBe(1);
  });

  it('keeps only the newest 1 MiB of a script and counts what it cut', async () => {
    const { lab, store } = await started();
    const chunk = 'x'.repeat(256 * 1024);
    lab.emit(stamp({ kind: 'script:output', scriptId: 2, stream: 'stdout', text: 'first' }));
    lab.emit(
      stamp(
        ...Array.from(
          { length: 4 },
          () => ({ kind: 'script:output', scriptId: 2, stream: 'stdout', text: chunk }) as const,
        ),
        { kind: 'script:output', scriptId: 2, stream: 'stderr', text: 'last' },
      ),
    );
    const script = store.getState().scripts.get(2);
    expect(script?.chars).toBe(SCRIPT_TEXT_LIMIT);
    expect(script?.trimmedChars).toBe('first'.length + 'last'.length);
    expect(script?.segments.at(-1)).toEqual({ stream: 'stderr', text: 'last' });
  });

  it('counts evicted events and offers only live children as signal targets', async () => {
    const { lab, store } = await started(
      stamp(
        { kind: 'target:spawn', pid: 600, signal: 'SIGUSR1', number: 10 },
        { kind: 'target:spawn', pid: 601, signal: 'SIGTERM', number: 15 },
        { kind: 'client:spawn', runId: 1, clientId: '1.1', mode: 'thread', pid: 800, thread: 1 },
        { kind: 'client:spawn', runId: 1, clientId: '1.2', mode: 'thread', pid: 800, thread: 2 },
        { kind: 'client:spawn', runId: 2, clientId: '2.1', mode: 'process', pid: 4242 },
        {
          kind: 'script:start',
          scriptId: 1,
          argv: ['sleep', '9'],
          cwd: '/',
          mode: 'pipe',
          shell: false,
          pid: 700,
        },
      ),
      2,
    );
    lab.emit(
      stamp(
        { kind: 'target:exit', pid: 601, code: null, signal: 'SIGTERM' },
        { kind: 'child:state', pid: 700, state: 'stopped' },
        { kind: 'log:evicted', count: 5, total: 7, capacity: 100, maxBytes: 2 ** 28 },
      ),
    );
    const state = store.getState();
    expect(state.evicted).toBe(7);
    const live = listLiveChildren({ ...state, appPid: state.info?.pid ?? null });
    expect(live.map((child) => [child.pid, child.kind])).toEqual([
      [600, 'target'],
      [700, 'script'],
      [800, 'client'],
    ]);
    expect(live[2]?.label).toBe('pid 800: thread clients of run 1');
    expect(live[1]?.label).toContain('(stopped)');
  });
});
