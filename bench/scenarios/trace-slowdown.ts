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
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', () => {
      clearTimeout(timer);
      resolve({ ms: performance.now() - started, stdout });
    });
  });
}

/** How the lab runs a command: as a script (its output through a pipe), or traced. */
type LabWay = 'script' | 'trace';

/**
 * Asks the lab to run `argv` the given way; ms from the request to the end (script:exit or trace:end),
 * what it printed, and the IPC calls traced.
 */
function runInLab(
  socket: WsReader,
  way: LabWay,
  argv: string[],
): Promise<{ ms: number; stdout: string; calls: number }> {
  const started = performance.now();
  const wanted = argv.join(' ');
  let id: number | null = null;
  let stdout = '';
  let calls = 0;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`${way} ${wanted} did not end within ${RUN_LIMIT_MS} ms`));
    }, RUN_LIMIT_MS);
    const finish = (error?: Error) => {
      clearTimeout(timer);
      stop();
      if (error) reject(error);
      else resolve({ ms: performance.now() - started, stdout, calls });
    };
    const stop = socket.onEvent((event) => {
      if (id === null) {
        if (event.kind === `${way}:start` && 'argv' in event && event.argv.join(' ') === wanted) {
          id = 'traceId' in event ? event.traceId : 'scriptId' in event ? event.scriptId : null;
        } else if (event.kind === `${way}:error` && 'argv' in event && event.argv.join(' ') === wanted) {
          finish(new Error('message' in event ? event.message : `${way} failed`));
        }
        return;
      }
      const mine =
        way === 'trace'
          ? 'traceId' in event && event.traceId === id
          : 'scriptId' in event && event.scriptId === id;
      if (!mine) return;
      if ((event.kind === 'trace:output' || event.kind === 'script:output') && event.stream === 'stdout') {
        stdout += event.text;
      } else if (event.kind === 'trace:call') {
        calls += 1;
      } else if (event.kind === 'trace:end' || event.kind === 'script:exit') {
        finish();
      } else if (event.kind === 'trace:error') {
        finish(new Error(event.message));
      }
    });
    if (way === 'trace') socket.command('trace:run', { argv });
    // The same Python buffering as the other two runs, which inherit this environment.
    else
      socket.command('script:run', { argv, mode: 'pipe', unbuffered: process.env.PYTHONUNBUFFERED === '1' });
  });
}

export async function traceSlowdown(ctx: BenchContext): Promise<ScenarioResult> {
  const { options } = ctx;
  const available = traceAvailability();
  const python = await findPython();
  const lines = options.quick ? 500 : 5_000;
  const programs: Program[] = [
    {
      name: `a shell loop echoing ${lines} lines into one cat`,
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
      // As printed: a client that started before the server thread listened is refused (on a busy machine,
      // now and then all five), so 0 to 5 replies; print() writes the text and its newline apart, so two
      // threads' lines can interleave.
      printedRight: (stdout) => {
        const replies = stdout.match(/client got: \[b"server got: \[b'client\d'\]"\]/g) ?? [];
        const rest = stdout.replace(/client got: \[b"server got: \[b'client\d'\]"\]/g, '');
        return replies.length <= 5 && rest === '\n'.repeat(replies.length);
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
    const figures: Record<string, Record<'plain' | 'script' | 'traced' | 'calls', number[]>> = {};
    for (const program of programs) {
      const times = {
        plain: [] as number[],
        script: [] as number[],
        traced: [] as number[],
        calls: [] as number[],
      };
      await runPlain(await program.argv()); // warm the page cache and the interpreter's files first
      for (let round = 0; round < rounds; round++) {
        ctx.progress(`trace slowdown: ${program.name}, round ${round + 1}/${rounds}`);
        const arms = [
          async () => {
            const run = await runPlain(await program.argv());
            if (!program.printedRight(run.stdout)) wrong += 1;
            times.plain.push(run.ms);
          },
          async () => {
            const run = await runInLab(socket, 'script', await program.argv());
            if (!program.printedRight(run.stdout)) wrong += 1;
            times.script.push(run.ms);
          },
          async () => {
            const run = await runInLab(socket, 'trace', await program.argv());
            if (!program.printedRight(run.stdout)) wrong += 1;
            times.traced.push(run.ms);
            times.calls.push(run.calls);
          },
        ];
        // A different arm first each round, so none always meets a cold or a warm machine.
        for (let arm = 0; arm < arms.length; arm++) await arms[(arm + round) % arms.length]?.();
      }
      figures[program.name] = times;
      const ratio = (over: number[]) => spread(times.traced.map((ms, i) => ms / (over[i] ?? Number.NaN)));
      rows.push([
        program.name,
        formatSpread(spread(times.plain), 0),
        formatSpread(spread(times.script), 0),
        formatSpread(spread(times.traced), 0),
        `**${formatSpread(ratio(times.script), 2)}**`,
        formatSpread(ratio(times.plain), 2),
        formatSpread(spread(times.calls), 0),
      ]);
    }
    return {
      id: 'trace-slowdown',
      title: 'Trace slowdown: a program run plainly and under the lab’s tracer',
      goal: 'none here, figures only (issue 14 asks for the traced program’s slowdown to be measured)',
      met: null,
      correct: wrong === 0,
      table: {
        columns: [
          'program',
          'plain ms',
          'lab, as a script ms',
          'lab, traced ms',
          'traced ÷ script',
          'traced ÷ plain',
          'IPC calls recorded',
        ],
        rows,
      },
      figures: { ...figures, wrong },
      notes: [
        'Plain: the bench spawns the command and reads its stdout to the end. As a script: the same command sent to a lab as script:run (stdout through a pipe), timed from the request to script:exit. Traced: sent as trace:run, timed to trace:end, so it adds strace’s start, the stops at each traced call (strace --seccomp-bpf stops only at those) and the lab reading strace’s output into events. Traced ÷ script is what tracing costs; traced ÷ plain adds the lab’s own path.',
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
