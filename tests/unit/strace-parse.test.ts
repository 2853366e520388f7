import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStraceParser, parseStrace } from '../../main/engine/trace/strace-parse';
import type { IpcDetail, StraceRecord, SyscallRecord } from '../../main/engine/trace/strace-records';
import { repoRoot } from '../paths';
import { seededRandom } from '../seeded-random';

const fixture = (name: string) =>
  readFileSync(path.join(repoRoot, 'tests/fixtures/strace', `${name}.txt`), 'utf8');
const FIXTURES = ['socket_preview', 'signal1', 'signal2', 'pipe', 'stress'];
/** The sh that sent `kill -12` when signal1.txt was recorded (tests/fixtures/strace/README.md). */
const SIGNAL1_KILLER = 22816;
const SOCKET_PREVIEW_PORT = 50461;

const calls = (records: StraceRecord[]) => records.filter((r): r is SyscallRecord => r.kind === 'syscall');
/** The member of IpcDetail whose `op` may be Op (bind, connect and name share one). */
type Detail<Op extends IpcDetail['op']> = IpcDetail extends infer D
  ? D extends IpcDetail
    ? Op extends D['op']
      ? D
      : never
    : never
  : never;
function ipcOf<Op extends IpcDetail['op']>(records: StraceRecord[], op: Op): Detail<Op>[] {
  return calls(records).flatMap((r) => (r.ipc?.op === op ? [r.ipc as Detail<Op>] : []));
}
const text = (bytes: Uint8Array | undefined) => Buffer.from(bytes ?? []).toString('latin1');

/** Each input line number the records account for: a joined call covers its start and its resumption. */
function coveredLines(records: StraceRecord[]): number[] {
  return records
    .flatMap((r) => (r.kind === 'syscall' && r.resumedLine !== null ? [r.line, r.resumedLine] : [r.line]))
    .sort((a, b) => a - b);
}
const oneToN = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('strace parser on the recorded fixtures', () => {
  it.each(FIXTURES)('reads every line of %s, each exactly once, none unparsed', (name) => {
    const input = fixture(name);
    const records = parseStrace(input);
    expect(records.filter((r) => r.kind === 'unparsed')).toEqual([]);
    expect(coveredLines(records)).toEqual(oneToN(input.split('\n').length - 1));
    expect(calls(records).filter((r) => r.split !== 'whole' && r.split !== 'joined')).toEqual([]);
  });

  it('sees socket_preview as six threads, five connections and each client message with its reply', () => {
    const records = parseStrace(fixture('socket_preview'));
    expect(ipcOf(records, 'spawn').filter((s) => s.thread)).toHaveLength(6);
    const connects = ipcOf(records, 'connect').filter((c) => c.address?.family === 'AF_INET');
    expect(connects.map((c) => [c.address?.address, c.address?.port])).toEqual(
      Array(5).fill(['127.0.0.1', SOCKET_PREVIEW_PORT]),
    );
    const accepts = ipcOf(records, 'accept');
    expect(accepts).toHaveLength(5);
    for (const accept of accepts) {
      expect(accept.newFd?.endpoint).toMatchObject({ type: 'tcp', local: { port: SOCKET_PREVIEW_PORT } });
    }
    const sent = ipcOf(records, 'data').filter(
      (d) => d.direction === 'out' && d.fd?.endpoint?.type === 'tcp',
    );
    const received = ipcOf(records, 'data').filter(
      (d) => d.direction === 'in' && d.fd?.endpoint?.type === 'tcp',
    );
    const names = ['client0', 'client1', 'client2', 'client3', 'client4'];
    const replies = names.map((n) => `server got: [b'${n}']`);
    for (const data of [...sent, ...received]) expect(data.bytes).toBe(data.payload?.bytes.length);
    expect(sent.map((d) => text(d.payload?.bytes)).sort()).toEqual([...names, ...replies].sort());
    expect(received.map((d) => text(d.payload?.bytes)).sort()).toEqual([...names, ...replies].sort());
    // Each reply goes back on the connection its message came in on: the client's port is on both ends.
    for (const reply of sent.filter((d) => d.fd?.endpoint?.type === 'tcp' && d.bytes === 24)) {
      const endpoint = reply.fd?.endpoint;
      if (endpoint?.type !== 'tcp') throw new Error('a reply not on TCP');
      const name = text(reply.payload?.bytes).slice(15, 22);
      const message = sent.find((d) => text(d.payload?.bytes) === name)?.fd?.endpoint;
      expect(message).toMatchObject({
        local: { port: endpoint.remote?.port },
        remote: { port: SOCKET_PREVIEW_PORT },
      });
    }
    const exits = records.filter((r) => r.kind === 'exit');
    expect(exits).toHaveLength(7);
    expect(exits.every((e) => e.how === 'exited' && e.code === 0)).toBe(true);
  });

  it('sees signal1 catch SIGUSR2 from the pid that ran kill, then die of SIGTERM', () => {
    const records = parseStrace(fixture('signal1'));
    const deliveries = records.filter((r) => r.kind === 'signal');
    const usr2 = deliveries.find((d) => d.signal === 'SIGUSR2');
    expect(usr2).toMatchObject({ code: 'SI_USER', senderPid: SIGNAL1_KILLER, senderUid: 0, stopped: false });
    const installed = ipcOf(records, 'sigaction').filter((a) => a.signal === 'SIGUSR2' && a.handler !== null);
    expect(installed.map((a) => a.handler)).toEqual([expect.stringMatching(/^0x[0-9a-f]+$/)]);
    const pauses = calls(records).filter((c) => c.name === 'pause');
    expect(pauses[0]?.result).toMatchObject({ value: null, errno: 'ERESTARTNOHAND' });
    expect(pauses[0]?.durationUs).toBeGreaterThan(100_000);
    expect(records.at(-1)).toMatchObject({ kind: 'exit', how: 'killed', signal: 'SIGTERM', pid: usr2?.pid });
  });

  it('sees signal2 arm alarm(5) and the kernel deliver SIGALRM twice, five seconds apart', () => {
    const records = parseStrace(fixture('signal2'));
    const alarms = ipcOf(records, 'alarm');
    expect(alarms.length).toBeGreaterThanOrEqual(3);
    expect(alarms.every((a) => a.seconds === 5)).toBe(true);
    const rings = records.filter((r) => r.kind === 'signal' && r.signal === 'SIGALRM');
    expect(rings).toHaveLength(2);
    expect(rings.every((r) => r.kind === 'signal' && r.code === 'SI_KERNEL' && r.senderPid === null)).toBe(
      true,
    );
    const gap = (rings[1]?.timeUs ?? 0) - (rings[0]?.timeUs ?? 0);
    expect(gap).toBeGreaterThan(4_900_000);
    expect(gap).toBeLessThan(5_500_000);
    expect(records.at(-1)).toMatchObject({
      kind: 'exit',
      how: 'killed',
      signal: 'SIGKILL',
      coreDumped: false,
    });
  });

  it('follows the bytes through a shell pipe: written by one process, read by the other, on one inode', () => {
    const records = parseStrace(fixture('pipe'));
    const [pipe] = ipcOf(records, 'pipe');
    const inode = pipe?.fds?.[0].endpoint?.type === 'pipe' ? pipe.fds[0].endpoint.inode : -1;
    expect(pipe?.fds?.[1].endpoint).toEqual({ type: 'pipe', inode });
    const onPipe = calls(records).filter((c) => {
      const endpoint = c.ipc?.op === 'data' ? c.ipc.fd?.endpoint : null;
      return endpoint?.type === 'pipe' && endpoint.inode === inode;
    });
    const bytes = (direction: string) =>
      onPipe
        .map((c) => (c.ipc?.op === 'data' && c.ipc.direction === direction ? text(c.ipc.payload?.bytes) : ''))
        .join('');
    expect(bytes('out')).toBe('line 0\nline 1\nline 2\n');
    expect(bytes('in')).toBe(bytes('out'));
    expect(new Set(onPipe.map((c) => c.pid)).size).toBe(2);
    expect(ipcOf(records, 'dup').map((d) => d.newFd?.fd)).toEqual(expect.arrayContaining([0, 1]));
    const children = ipcOf(records, 'spawn').map((s) => s.childPid);
    const sigchld = records.filter((r) => r.kind === 'signal' && r.signal === 'SIGCHLD');
    expect(sigchld.map((s) => (s.kind === 'signal' ? s.senderPid : null)).sort()).toEqual(children.sort());
    expect(ipcOf(records, 'exec').map((e) => e.argv[0])).toContain('sh');
  });

  it('reads the stress fixture: every number echo wrote reaches cat, through joined reads and writes', () => {
    const records = parseStrace(fixture('stress'));
    const data = ipcOf(records, 'data').filter((d) => d.fd?.endpoint?.type === 'pipe');
    const all = (direction: string) =>
      data.filter((d) => d.direction === direction).map((d) => text(d.payload?.bytes));
    const expected = Array.from({ length: 300 }, (_, i) => `${i}\n`).join('');
    expect(all('out').join('')).toBe(expected);
    expect(all('in').join('')).toBe(expected);
  });
});

describe('strace parser, line by line', () => {
  it('joins an unfinished call with its resumption on the same pid, across other pids and a signal', () => {
    const records = parseStrace(
      [
        '101 1.000001 accept4(3<TCP:[0.0.0.0:50008]>,  <unfinished ...>',
        '102 1.000002 connect(5<TCP:[77]>, {sa_family=AF_INET, sin_port=htons(50008), sin_addr=inet_addr("\\x31\\x32\\x37\\x2e\\x30\\x2e\\x30\\x2e\\x31")}, 16 <unfinished ...>',
        '101 1.000003 --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=9, si_uid=0} ---',
        '102 1.000004 <... connect resumed>) = 0 <0.000002>',
        '101 1.000005 <... accept4 resumed>{sa_family=AF_INET, sin_port=htons(40000), sin_addr=inet_addr("\\x31\\x32\\x37\\x2e\\x30\\x2e\\x30\\x2e\\x31")}, [16], SOCK_CLOEXEC) = 4<TCP:[127.0.0.1:50008->127.0.0.1:40000]> <0.000004>',
        '',
      ].join('\n'),
    );
    expect(records.map((r) => [r.kind, r.line, r.kind === 'syscall' ? r.resumedLine : null])).toEqual([
      ['signal', 3, null],
      ['syscall', 2, 4],
      ['syscall', 1, 5],
    ]);
    expect(records[2]).toMatchObject({
      pid: 101,
      timeUs: 1_000_001,
      resumedTimeUs: 1_000_005,
      durationUs: 4,
      split: 'joined',
      ipc: {
        op: 'accept',
        peer: { family: 'AF_INET', address: '127.0.0.1', port: 40000 },
        newFd: { fd: 4, endpoint: { type: 'tcp', remote: { address: '127.0.0.1', port: 40000 } } },
      },
    });
    expect(records[1]).toMatchObject({
      ipc: { op: 'connect', address: { port: 50008 } },
      result: { value: 0 },
    });
  });

  it('ends a call still unfinished when its process exits or the input ends, and keeps an orphan resumption', () => {
    const records = parseStrace(
      [
        '7 2.0 pause( <unfinished ...>',
        '8 2.1 read(0<pipe:[5]>,  <unfinished ...>',
        '7 2.2 +++ killed by SIGKILL +++',
        '9 2.3 <... write resumed>) = 3 <0.000001>',
        '9 2.4 exit_group(0)                           = ?',
      ].join('\n'),
    );
    expect(records.map((r) => (r.kind === 'syscall' ? `${r.name}:${r.split}` : r.kind))).toEqual([
      'pause:unfinished',
      'exit',
      'write:resumed',
      'exit_group:whole',
      'read:unfinished',
    ]);
    expect(records[3]).toMatchObject({ result: { value: null, raw: '?' }, ipc: { op: 'exit', code: 0 } });
  });

  it('reads errors, fd results, exit lines, strace messages and a line without -f', () => {
    const [refused, fd, core, message, bare, devNull] = parseStrace(
      [
        '5 3.5 connect(3<TCP:[1]>, {sa_family=AF_INET6, sin6_port=htons(50008), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "\\x3a\\x3a\\x31", &sin6_addr), sin6_scope_id=0}, 28) = -1 ECONNREFUSED (Connection refused) <0.000050>',
        '5 3.6 socket(AF_UNIX, SOCK_STREAM, 0) = 4<UNIX-STREAM:[88->89]> <0.000010>',
        '6 3.7 +++ killed by SIGSEGV (core dumped) +++',
        'strace: Process 6 attached',
        '02:06:36.528074 kill(42, SIGUSR2) = 0 <0.000003>',
        '5 3.8 dup2(3<\\x70\\x69\\x70\\x65\\x3a\\x5b\\x39\\x5d>, 1) = 1<\\x2f\\x64\\x65\\x76\\x2f\\x6e\\x75\\x6c\\x6c<char 1:3>> <0.000004>',
      ].join('\n'),
    );
    expect(refused).toMatchObject({
      result: { value: -1, errno: 'ECONNREFUSED', message: 'Connection refused' },
      ipc: { address: { family: 'AF_INET6', address: '::1', port: 50008 } },
    });
    expect(fd).toMatchObject({
      ipc: { op: 'socket', fd: { fd: 4, endpoint: { type: 'unix', inode: 88, peerInode: 89 } } },
    });
    expect(core).toMatchObject({ kind: 'exit', how: 'killed', signal: 'SIGSEGV', coreDumped: true });
    expect(message).toMatchObject({ kind: 'message', text: 'Process 6 attached' });
    expect(bare).toMatchObject({
      pid: null,
      timeUs: 7_596_528_074,
      ipc: { op: 'kill', targetPid: 42, signal: 'SIGUSR2' },
    });
    expect(devNull).toMatchObject({
      durationUs: 4,
      ipc: {
        op: 'dup',
        fd: { fd: 3, endpoint: { type: 'pipe', inode: 9 } },
        newFd: { fd: 1, endpoint: { type: 'path', path: '/dev/null', device: 'char 1:3' } },
      },
    });
  });

  it('keeps a line it does not know, whole, as unparsed', () => {
    const junk = [
      'hello',
      '12 1.5 ',
      '12 1.5 write(1, "\\x61", 1',
      '--- SIGUSR1 ---x',
      '12 1.x read() = 0',
      '12 1.0 +++ gone +++',
    ];
    const records = parseStrace(junk.join('\n'));
    expect(records.map((r) => (r.kind === 'unparsed' ? r.raw : r.kind))).toEqual(junk);
  });
});

describe('strace parser, streaming', () => {
  const sample = fixture('socket_preview').split('\n').slice(60, 85).join('\n');
  const whole = parseStrace(sample);

  it('gives the same records wherever the input is cut, at every byte offset of a sample', () => {
    const bytes = Buffer.from(sample);
    expect(whole.some((r) => r.kind === 'syscall' && r.split === 'joined')).toBe(true);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const parser = createStraceParser();
      const records = [
        ...parser.push(bytes.subarray(0, cut)),
        ...parser.push(bytes.subarray(cut)),
        ...parser.end(),
      ];
      if (JSON.stringify(records) !== JSON.stringify(whole))
        expect.fail(`records differ when cut at byte ${cut}`);
    }
  });

  it('survives malformed and truncated lines fed in random chunks: never throws, every line out once', () => {
    const seed = Number(process.env.IPC_SCOPE_FUZZ_SEED) || Date.now() % 1_000_000; // set it to replay a run
    const next = seededRandom(seed);
    const pick = <T>(items: T[]): T => items[Math.floor(next() * items.length)] as T;
    const pool = FIXTURES.flatMap((name) =>
      fixture(name)
        .split('\n')
        .filter((line) => line !== ''),
    );
    const noise = [
      '(',
      ')',
      '"',
      '<',
      '>',
      '{',
      '}',
      '[',
      ']',
      ',',
      ' = ',
      '\\x',
      '...',
      ' <unfinished ...>',
      '<... ',
      '\0',
      'é',
    ];
    const lines: string[] = [];
    for (let i = 0; i < 3_000; i++) {
      let line = pick(pool);
      const cuts = Math.floor(next() * 4);
      for (let c = 0; c < cuts; c++) {
        const at = Math.floor(next() * (line.length + 1));
        const how = next();
        if (how < 0.4) line = line.slice(0, at);
        else if (how < 0.7) line = line.slice(0, at) + pick(noise) + line.slice(at);
        else if (how < 0.9) line = line.slice(0, at) + line.slice(at + 1 + Math.floor(next() * 20));
        else line = line.slice(0, at) + String.fromCharCode(Math.floor(next() * 0x2500)) + line.slice(at);
      }
      lines.push(line.replaceAll('\n', ' ').replaceAll('\r', ' '));
    }
    const input = Buffer.from(`${lines.join('\n')}\n`);
    const parser = createStraceParser();
    const records: StraceRecord[] = [];
    try {
      for (let at = 0; at < input.length; ) {
        const size = 1 + Math.floor(next() * 300);
        records.push(...parser.push(input.subarray(at, at + size)));
        at += size;
      }
      records.push(...parser.end());
    } catch (error) {
      expect.fail(`threw with seed ${seed}: ${String(error)}`);
    }
    const covered = coveredLines(records);
    expect(covered, `seed ${seed}`).toEqual(oneToN(lines.length));
    for (const record of records) {
      if (record.kind === 'unparsed') expect(record.raw, `seed ${seed}`).toBe(lines[record.line - 1]);
    }
  });
});
