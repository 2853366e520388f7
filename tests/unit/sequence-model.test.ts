// The sequence chart's arrows, computed from recorded strace output of the classic scripts, mapped by the
// engine and folded by the store exactly as a live trace is.
import { describe, expect, it } from 'vitest';
import type { LabEventBody } from '../../contract/events';
import { applyEvents } from '../../renderer/src/store/apply-events';
import { createLabStore } from '../../renderer/src/store/lab-store';
import type { Trace } from '../../renderer/src/store/trace-slice';
import { matchByBytes } from '../../renderer/src/trace/byte-match';
import { arrowsInWindow, buildSequence } from '../../renderer/src/trace/sequence-model';
import type { SeqArrow, SequenceContext } from '../../renderer/src/trace/sequence-types';
import { fakeLab, stamp } from './fake-lab';
import { traceEvents } from './trace-fixture';

/** The sh that sent `kill -12` when signal1.txt was recorded (tests/fixtures/strace/README.md). */
const SIGNAL1_KILLER = 22816;
const context: SequenceContext = {
  labPid: 4242,
  echoPort: 5000,
  labPorts: new Set(),
  clientPids: new Map(),
  signalNumbers: new Map([
    ['SIGUSR2', 12],
    ['SIGALRM', 14],
  ]),
};

function traceOf(name: string, extra: LabEventBody[] = []): Trace {
  const store = createLabStore(fakeLab().bridge);
  const bodies = [...traceEvents(name), ...extra];
  store.setState(applyEvents(store.getState(), stamp(...bodies)));
  const trace = store.getState().traces.get(1);
  if (!trace) throw new Error('no trace in the store');
  return trace;
}

const kinds = (arrows: readonly SeqArrow[], kind: SeqArrow['kind']) => arrows.filter((a) => a.kind === kind);

describe('sequence chart model', () => {
  it('draws socket_preview.py: five connects to the server thread, and a data arrow each way per client', () => {
    const trace = traceOf('socket_preview');
    const { lifelines, arrows } = buildSequence([trace], context);
    const threads = lifelines.filter((l) => l.kind === 'thread');
    expect(threads).toHaveLength(7); // the main thread, the server and five clients
    const server = kinds(arrows, 'connect')[0]?.to;
    expect(kinds(arrows, 'connect')).toHaveLength(5);
    expect(new Set(kinds(arrows, 'connect').map((a) => a.to))).toEqual(new Set([server]));
    const data = kinds(arrows, 'data');
    expect(data.filter((a) => a.to === server).map((a) => a.label)).toEqual(
      expect.arrayContaining([0, 1, 2, 3, 4].map((i) => `"client${i}" · 7 B`)),
    );
    const replies = data.filter((a) => a.from === server);
    expect(replies).toHaveLength(5);
    for (const reply of replies) {
      expect(reply.label).toMatch(/^"server got: \[b'client[0-4]'\]" · 24 B$/);
      const asked = data.find((a) => a.from === reply.to && a.to === server);
      expect(reply.label).toContain(asked?.label.slice(1, 8));
      expect(reply.t1).toBeGreaterThanOrEqual(reply.t0);
    }
    const closes = kinds(arrows, 'close');
    expect(closes.filter((a) => a.to === server)).toHaveLength(5);
    // The daemon server thread dies with the process before it closes the last connection.
    expect(closes.filter((a) => a.from === server)).toHaveLength(4);
    // What the clients printed went down the stdout pipe the lab reads.
    expect(kinds(arrows, 'pipe').filter((a) => a.to === 'lab')).toHaveLength(5);
    expect(lifelines.some((l) => l.kind === 'outside')).toBe(false);
  });

  it('draws the kill signal1.py got from outside, with the handler that ran and what it printed', () => {
    const { lifelines, arrows } = buildSequence([traceOf('signal1')], context);
    const [usr2] = kinds(arrows, 'signal').filter((a) => a.label.startsWith('SIGUSR2'));
    expect(usr2).toMatchObject({ from: 'outside', to: 't1:22802', label: 'SIGUSR2 (12)' });
    expect(usr2?.note).toMatch(/^handler ran, printed "Got signal 12 at .+"$/);
    expect(lifelines.at(-1)).toMatchObject({ key: 'outside', detail: 'a terminal or another process' });
  });

  it('names the lab as the sender when the signal came from the lab', () => {
    const { arrows } = buildSequence([traceOf('signal1')], { ...context, labPid: SIGNAL1_KILLER });
    expect(kinds(arrows, 'signal')[0]).toMatchObject({ from: 'lab', label: 'SIGUSR2 (12)' });
  });

  it('draws each alarm(5) of signal2.py to the SIGALRM it caused', () => {
    const { arrows } = buildSequence([traceOf('signal2')], context);
    const alarms = kinds(arrows, 'alarm');
    expect(alarms.length).toBeGreaterThanOrEqual(2);
    for (const alarm of alarms) {
      expect(alarm.label).toBe('alarm(5) → SIGALRM (14)');
      expect(alarm.t1 - alarm.t0).toBeGreaterThan(4_900_000);
      expect(alarm.note).toMatch(/^handler ran, printed "Got alarm 14 at /);
    }
  });

  it("draws a shell pipeline's writes to the reader of the pipe, the writes of one message joined", () => {
    const { arrows } = buildSequence([traceOf('pipe')], context);
    const pipe = kinds(arrows, 'pipe').filter((a) => a.to !== 'lab');
    expect(pipe.length).toBeGreaterThan(0);
    expect(pipe[0]).toMatchObject({ from: 't1:23077', to: 't1:23078' });
    expect(pipe.map((a) => a.label)).toEqual(['"line 0\\nline 1\\nline 2\\n" · 21 B']); // 12 write calls
    expect(kinds(arrows, 'signal').map((a) => a.label)).toContain('SIGCHLD');
  });

  it("draws a run's stdout on a socketpair (how Node starts a child) to the lab, one arrow per print", () => {
    const write = (seq: number, text: string): LabEventBody => ({
      kind: 'trace:call',
      traceId: 1,
      at: 5_000 + seq,
      pid: 22802,
      tid: 22802,
      call: 'write',
      fd: 1,
      endpoint: 'UNIX:[81->82]',
      address: null,
      newFd: null,
      newEndpoint: null,
      size: text.length,
      data: btoa(text),
      result: text.length,
      errno: null,
      args: '',
      durationUs: 5,
    });
    const trace = traceOf('signal1', [write(1, 'hello'), write(2, '\n')]);
    const stdout = kinds(buildSequence([trace], context).arrows, 'pipe');
    expect(stdout.filter((a) => a.label === '"hello\\n" · 6 B')).toMatchObject([
      { from: 't1:22802', to: 'lab' },
    ]);
  });

  it('keeps only the arrows that touch the visible window', () => {
    const { arrows } = buildSequence([traceOf('signal2')], context);
    const first = kinds(arrows, 'alarm')[0];
    if (!first) throw new Error('no alarm arrow');
    const inside = arrowsInWindow(arrows, { start: first.t1 - 1, end: first.t1 + 1 });
    expect(inside).toContain(first);
    expect(arrowsInWindow(arrows, { start: 0, end: 1 })).toEqual([]);
    expect(arrowsInWindow(arrows, null)).toBe(arrows);
  });
});

describe('matching bytes of one stream', () => {
  const chunk = (at: number, size: number, item: string) => ({ at, size, item });

  it('pairs by byte position, not by the order lines were printed', () => {
    const sends = [chunk(10, 3, 'a'), chunk(20, 4, 'b')];
    const recvs = [chunk(5, 7, 'r1')]; // one blocked read that got both
    expect(matchByBytes(sends, recvs)).toEqual({
      pairs: [
        { send: 'a', recv: 'r1' },
        { send: 'b', recv: 'r1' },
      ],
      unsent: [],
      unmatched: [],
    });
  });

  it('leaves sends past what was read, and reads past what was sent', () => {
    expect(matchByBytes([chunk(1, 5, 'a'), chunk(2, 5, 'b')], [chunk(3, 5, 'r')])).toMatchObject({
      pairs: [{ send: 'a', recv: 'r' }],
      unsent: ['b'],
    });
    expect(matchByBytes([chunk(1, 2, 'a')], [chunk(3, 2, 'r1'), chunk(4, 2, 'r2')]).unmatched).toEqual([
      'r2',
    ]);
  });
});
