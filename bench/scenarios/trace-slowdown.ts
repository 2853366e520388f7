// What tracing costs the traced program: the same commands run plainly and under the lab's tracer
// (trace:run, strace with the lab's flags, its output parsed into events), interleaved, timed from the
// request to the end.
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { findPython } from '../../main/engine/python';
import { traceAvailability } from '../../main/engine/trace/strace-command';
import type { BenchContext } from '../context';
import { startProc } from '../proc';
import type { LabHostApi } from '../procs/lab-host';
import type { ScenarioResult } from '../results';
import { formatSpread, spread } from '../stats';
import { openWsReader, type WsReader } from '../ws-reader';

const RUN_LIMIT_MS = 60_000;

interface Program {
  name: string;
  /** The command for one run: each run of the classic script needs a port of its own. */
  argv(): Promise<string[]>;
  /** Whether stdout is what the program prints, for the run to count as correct. */
  printedRight(stdout: string): boolean;
}

/** A port nothing listens on now, for the classic script's server. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Runs `argv` as a plain child, stdout read to the end; ms from spawn to exit, and what it printed. */
function runPlain(argv: string[]): Promise<{ ms: number; stdout: string }> {
  const [command = '', ...args] = argv;
  const started = performance.now();
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'ignore'] });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    stdout += text;
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${argv.join(' ')} did not end within ${RUN_LIMIT_MS} ms`));
    }, RUN_LIMIT_MS);
    child.once('error', reject);
    child.once('close', () => {
      clearTimeout(timer);
      resolve({ ms: performance.now() - started, stdout });
    });
  });
}

/** Asks the lab to trace `argv`; ms from the request to trace:end, the output it gave, and the calls seen. */
function runTraced(socket: WsReader, argv: string[]): Promise<{ ms: number; stdout: string; calls: number }> {
  const started = performance.now();
  let traceId: number | null = null;
  let stdout = '';
  let calls = 0;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`the trace of ${argv.join(' ')} did not end within ${RUN_LIMIT_MS} ms`));
    }, RUN_LIMIT_MS);
    const stop = socket.onEvent((event) => {
      if (event.kind === 'trace:start' && traceId === null && event.argv.join(' ') === argv.join(' ')) {
        traceId = event.traceId;
      } else if (event.kind === 'trace:error') {
        clearTimeout(timer);
        stop();
        reject(new Error(event.message));
      } else if (!('traceId' in event) || event.traceId !== traceId) {
        return;
      } else if (event.kind === 'trace:output' && event.stream === 'stdout') {
        stdout += event.text;
      } else if (event.kind === 'trace:call') {
        calls += 1;
      } else if (event.kind === 'trace:end') {
        clearTimeout(timer);
        stop();
        resolve({ ms: performance.now() - started, stdout, calls });
      }
    });
    socket.command('trace:run', { argv });
  });
}

export async function traceSlowdown(ctx: BenchContext): Promise<ScenarioResult> {
  const { options } = ctx;
  const available = traceAvailability();
  const python = await findPython();
  const lines = options.quick ? 500 : 5_000;
  const programs: Program[] = [
    {
      name: `a shell loop: ${lines} echo | cat`,
      argv: async () => ['sh', '-c', `i=0; while [ $i -lt ${lines} ]; do echo $i; i=$((i+1)); done | cat`],
      printedRight: (stdout) => stdout === `${Array.from({ length: lines }, (_, i) => i).join('\n')}\n`,
    },
  ];
  if (python.available) {
    const script = path.join(options.root, 'examples/classic/socket_preview.py');
    programs.push({
      name: 'socket_preview.py (a server thread, 5 client threads)',
      // Its port stays taken a while after it exits (it never closes what it accepted), so a new one each run.
      argv: async () => ['env', `IPC_SCOPE_PORT=${await freePort()}`, python.executable, script],
      // As printed: a client that started before the server thread listened is refused, so 1 to 5 replies;
      // print() writes the text and its newline apart, so two threads' lines can interleave.
      printedRight: (stdout) => {
        const replies = stdout.match(/client got: \[b"server got: \[b'client\d'\]"\]/g) ?? [];
        const rest = stdout.replace(/client got: \[b"server got: \[b'client\d'\]"\]/g, '');
        return replies.length >= 1 && replies.length <= 5 && rest === '\n'.repeat(replies.length);
      },
    });
  }
  if (!available.available) {
    return {
      id: 'trace-slowdown',
      title: 'Trace slowdown: a program run plainly and under the lab’s tracer',
      goal: 'none here, figures only',
      met: null,
      correct: true,
      table: { columns: ['program', 'not measured'], rows: [['all', available.detail]] },
      figures: {},
      notes: [`Tracing is not available here: ${available.detail}`],
    };
  }

  const lab = await startProc<LabHostApi>(options.benchOut, 'lab-host', { args: ['--out', options.out] });
  const socket = await openWsReader((await lab.call('info')).url);
  try {
    const rounds = options.quick ? 1 : options.rounds;
    let wrong = 0;
    const rows: string[][] = [];
    const figures: Record<string, { plain: number[]; traced: number[]; calls: number[] }> = {};
    for (const program of programs) {
      const plain: number[] = [];
      const traced: number[] = [];
      const calls: number[] = [];
      await runPlain(await program.argv()); // warm the page cache and the interpreter's files first
      for (let round = 0; round < rounds; round++) {
        ctx.progress(`trace slowdown: ${program.name}, round ${round + 1}/${rounds}`);
        const runPlainFirst = round % 2 === 0;
        const measurePlain = async () => {
          const run = await runPlain(await program.argv());
          if (!program.printedRight(run.stdout)) wrong += 1;
          plain.push(run.ms);
        };
        if (runPlainFirst) await measurePlain();
        const run = await runTraced(socket, await program.argv());
        if (!program.printedRight(run.stdout)) wrong += 1;
        traced.push(run.ms);
        calls.push(run.calls);
        if (!runPlainFirst) await measurePlain();
      }
      figures[program.name] = { plain, traced, calls };
      rows.push([
        program.name,
        formatSpread(spread(plain), 0),
        formatSpread(spread(traced), 0),
        `**${formatSpread(spread(traced.map((ms, i) => ms / (plain[i] ?? Number.NaN))), 2)}**`,
        formatSpread(spread(calls), 0),
      ]);
    }
    return {
      id: 'trace-slowdown',
      title: 'Trace slowdown: a program run plainly and under the lab’s tracer',
      goal: 'none here, figures only (issue 14 asks for the traced program’s slowdown to be measured)',
      met: null,
      correct: wrong === 0,
      table: {
        columns: ['program', 'plain ms', 'traced ms', 'traced ÷ plain', 'IPC calls recorded'],
        rows,
      },
      figures: { ...figures, wrong },
      notes: [
        'Plain: the bench spawns the command and reads its stdout to the end. Traced: the same command sent to a lab as trace:run, timed from the request to trace:end, so it holds strace’s start, the stops at each traced call (strace --seccomp-bpf stops only at those), and the lab reading strace’s output into events.',
        python.available
          ? 'python: the real interpreter behind python3, found once.'
          : 'python3 not found: socket_preview.py skipped.',
        `Output checked against what each program prints: ${wrong} wrong.`,
      ],
    };
  } finally {
    socket.close();
    await lab.stop();
  }
}
