import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  isLabEvent,
  type LabEventBody,
  type LabEventKind,
  MAX_TRACE_TEXT,
  MAX_TRACE_UNPARSED_KEPT,
} from '../../contract';
import { installHint, ptraceScope } from '../../main/engine/trace/strace-command';
import { parseStrace } from '../../main/engine/trace/strace-parse';
import { createTraceMapper, formatEndpoint } from '../../main/engine/trace/trace-events';
import { explainStraceFailure } from '../../main/engine/trace/tracer-words';
import { repoRoot } from '../paths';

const fixture = (name: string) =>
  readFileSync(path.join(repoRoot, 'tests/fixtures/strace', `${name}.txt`), 'utf8');
/** A lab that started a little over a second before the first fixture line (1796609183.461417). */
const STARTED_AT_MS = 1_796_609_182_461;

function mapAll(text: string, options: { maxKeptBytes?: number; started?: boolean } = {}) {
  const mapper = createTraceMapper({
    traceId: 3,
    startedAtMs: STARTED_AT_MS,
    now: () => 0,
    started: options.started ?? true,
    maxKeptBytes: options.maxKeptBytes,
  });
  const events = parseStrace(text).flatMap((record) => mapper.map(record));
  return { mapper, events };
}

type Of<K extends LabEventKind> = Extract<LabEventBody, { kind: K }>;
const ofKind = <K extends LabEventKind>(events: LabEventBody[], kind: K) =>
  events.filter((event): event is Of<K> => event.kind === kind);
const text = (data: string | undefined) => Buffer.from(data ?? '', 'base64').toString('latin1');

describe("strace's records as lab events", () => {
  it('makes socket_preview.py six threads of one process, its bind, accepts and messages, on the lab clock', () => {
    const { events, mapper } = mapAll(fixture('socket_preview'));
    for (const event of events) expect(isLabEvent({ ...event, seq: 1, t: 0 }), event.kind).toBe(true);
    const processes = ofKind(events, 'trace:process');
    expect(processes[0]).toMatchObject({ pid: 22784, tid: 22784, how: 'start', at: 1_000_417 });
    expect(processes[0]?.command).toMatch(/python3 socket_preview\.py$/);
    const threads = processes.filter((p) => p.how === 'thread');
    expect(threads).toHaveLength(6);
    for (const thread of threads) expect(thread).toMatchObject({ pid: 22784, parentTid: 22784 });
    const calls = ofKind(events, 'trace:call');
    expect(calls.find((c) => c.call === 'bind')).toMatchObject({
      pid: 22784,
      tid: 22787,
      address: '0.0.0.0:50461',
      endpoint: 'TCP:[7305575]',
      result: 0,
    });
    const accepts = calls.filter((c) => c.call === 'accept4' && c.result !== null && c.result >= 0);
    expect(accepts).toHaveLength(5);
    expect(accepts[0]?.newEndpoint).toBe('TCP:[127.0.0.1:50461->127.0.0.1:42528]');
    expect(accepts[0]?.address).toBe('127.0.0.1:42528');
    const sent = calls.filter((c) => c.call === 'sendto').map((c) => text(c.data));
    expect(sent.filter((bytes) => /^client[0-4]$/.test(bytes)).sort()).toEqual([
      'client0',
      'client1',
      'client2',
      'client3',
      'client4',
    ]);
    expect(sent.filter((bytes) => bytes.startsWith('server got: '))).toHaveLength(5);
    expect(ofKind(events, 'trace:exit').at(-1)).toMatchObject({ pid: 22784, code: 0, signal: null });
    expect(mapper.unparsed).toBe(0);
    expect(mapper.firstPid).toBe(22784);
  });

  it('gives signal1.py its handler and the SIGUSR2 with its sender, and leaves out the handler queries', () => {
    const { events, mapper } = mapAll(fixture('signal1'));
    const installs = ofKind(events, 'trace:call').filter((c) => c.call === 'rt_sigaction');
    expect(installs.some((c) => c.args.startsWith('SIGUSR2, {sa_handler='))).toBe(true);
    expect(installs.every((c) => !/^SIG\w+, NULL/.test(c.args))).toBe(true);
    expect(mapper.skipped).toBeGreaterThan(20);
    expect(ofKind(events, 'trace:signal')[0]).toMatchObject({
      signal: 'SIGUSR2',
      code: 'SI_USER',
      senderPid: 22816,
      pid: 22802,
      tid: 22802,
    });
    expect(ofKind(events, 'trace:exit').at(-1)).toMatchObject({ code: null, signal: 'SIGTERM' });
  });

  it('keeps payload bytes up to its bound, then sizes only, marked cut', () => {
    const { events } = mapAll(fixture('socket_preview'), { maxKeptBytes: 10 });
    const data = ofKind(events, 'trace:call').filter((c) => c.size !== null && c.size > 0);
    expect(data[0]?.data).toBeDefined();
    const later = data.filter((c) => c.data === undefined);
    expect(later.length).toBeGreaterThan(5);
    for (const call of later) expect(call.truncated).toBe(true);
  });

  it('keeps the first unknown lines, bounded in length, and counts them all', () => {
    const junk = Array.from({ length: 150 }, (_, i) => `junk ${i} ${'x'.repeat(400)}`).join('\n');
    const { events, mapper } = mapAll(`${junk}\n`);
    const unparsed = ofKind(events, 'trace:unparsed');
    expect(unparsed).toHaveLength(MAX_TRACE_UNPARSED_KEPT);
    expect(unparsed[0]?.line.length).toBe(MAX_TRACE_TEXT);
    expect(unparsed.at(-1)?.count).toBe(MAX_TRACE_UNPARSED_KEPT);
    expect(mapper.unparsed).toBe(150);
  });

  it('names each kind of endpoint as strace -yy does', () => {
    const v6 = { family: 'AF_INET6', address: '::1', port: 80 };
    expect(formatEndpoint({ type: 'tcp', ipv6: true, local: v6, remote: null, inode: 1 })).toBe(
      'TCPv6:[[::1]:80]',
    );
    expect(formatEndpoint({ type: 'unix', inode: 5, peerInode: 6, path: null })).toBe('UNIX:[5->6]');
    expect(formatEndpoint({ type: 'unix', inode: 5, peerInode: null, path: '/run/x.sock' })).toBe(
      '/run/x.sock',
    );
    expect(formatEndpoint({ type: 'pipe', inode: 9 })).toBe('pipe:[9]');
    expect(formatEndpoint(null)).toBeNull();
  });
});

describe('the words of a trace that cannot start', () => {
  it('gives the install command of the system it runs on', () => {
    expect(installHint('ID=ubuntu\nID_LIKE=debian\n')).toBe('install it with `sudo apt-get install strace`');
    expect(installHint('ID="fedora"\n')).toBe('install it with `sudo dnf install strace`');
    expect(installHint('')).toMatch(/apt-get install strace.*dnf install strace/);
  });

  it('says what ptrace_scope allows, and nothing where Yama is absent', () => {
    expect(ptraceScope(() => '1\n')).toMatch(
      /^kernel\.yama\.ptrace_scope is 1, which lets a process trace only its own descendants/,
    );
    expect(ptraceScope(() => '3')).toMatch(/forbids tracing until the next reboot/);
    expect(
      ptraceScope(() => {
        throw new Error('ENOENT');
      }),
    ).toBeNull();
  });

  it("turns strace's complaints into sentences", () => {
    expect(
      explainStraceFailure('strace: attach: ptrace(PTRACE_SEIZE, 77): Operation not permitted\n', true),
    ).toMatch(/^the kernel refused to let strace trace pid 77 \(EPERM, ptrace\): /);
    expect(explainStraceFailure('strace: attach: ptrace(PTRACE_SEIZE, 77): No such process\n', true)).toBe(
      'cannot trace pid 77: no such process (ESRCH); it may have ended',
    );
    expect(explainStraceFailure("strace: Can't stat 'x': No such file or directory\n", false)).toBe(
      'cannot trace "x": No such file or directory',
    );
    expect(explainStraceFailure('strace: something new\n', false)).toBe(
      'strace ended before tracing began: something new',
    );
  });
});
