import type { CommandHandlers, LabInfo, ModeAvailability } from '../../contract';
import { isWildcardHost, MAX_CLIENTS } from '../../contract';
import { createAlarm } from './alarm';
import { forkWithNode } from './child-process';
import { createClientSpawner } from './client-spawner';
import { createClock } from './clock';
import { createComposer } from './composer';
import { createCounter } from './counter';
import { createEchoServer } from './echo-server';
import { createEventLog, type EventLog } from './event-log';
import { createPeerWatch } from './peer-watch';
import { createProcessRegistry, type ProcessRegistry } from './process-registry';
import { findPython, type PythonInfo } from './python';
import { createRedirector } from './redirect';
import { createRunTracker } from './run-tracker';
import { createSignalHub } from './signal-hub';
import { createTracer } from './trace/tracer';

export interface LabOptions {
  /** Which host runs the engine; shown to the user. */
  host: LabInfo['host'];
  /** Folder of the built child scripts (echo-client.cjs, …). */
  childrenDir: string;
  echo?: { host?: string; port?: number; idleTimeoutMs?: number; maxConnections?: number };
  historyCapacity?: number;
  /** The history's byte budget (DEFAULT_HISTORY_BYTES when absent). */
  historyBytes?: number;
  /** Grace period before SIGKILL when the lab shuts down. */
  shutdownGraceMs?: number;
}

export interface Lab {
  readonly log: EventLog;
  readonly registry: ProcessRegistry;
  readonly handlers: Omit<CommandHandlers, 'lab:hello'>;
  info(): LabInfo;
  /**
   * Installs signal handlers at once, then binds the echo server (a failure to bind is reported, not thrown).
   * python3 is looked for only when python mode is first used: on a Mac without the developer tools, running
   * /usr/bin/python3 pops up an install dialog.
   */
  start(): Promise<void>;
  /** Ends every child (SIGTERM, then SIGKILL), closes every socket and removes the signal handlers. */
  shutdown(): Promise<void>;
}

export function createLab(options: LabOptions): Lab {
  const clock = createClock();
  const log = createEventLog({ clock, capacity: options.historyCapacity, maxBytes: options.historyBytes });
  const registry = createProcessRegistry();
  const nextConnId = createCounter();
  let python: PythonInfo | null = null;
  let pythonLookup: Promise<PythonInfo> | null = null;
  const lookUpPython = () => {
    pythonLookup ??= findPython().then((found) => {
      python = found;
      return found;
    });
    return pythonLookup;
  };

  const runTracker = createRunTracker({ log });
  const composer = createComposer({
    log,
    labTarget: () => labTarget(),
    nextComposerId: createCounter(),
  });
  const echo = createEchoServer({
    log,
    nextConnId,
    identify: runTracker.identify,
    claim: composer.claim,
    ...options.echo,
  });
  /** Where the lab's own clients connect: a wildcard bind is not an address to connect to, so loopback. */
  function labTarget() {
    const status = echo.status();
    const host = isWildcardHost(status.host) ? '127.0.0.1' : status.host;
    return status.listening ? { host, port: status.port } : null;
  }
  // Who is behind an external connection is read from /proc, which only Linux has.
  const peerWatch = process.platform === 'linux' ? createPeerWatch({ log }) : null;
  const spawner = createClientSpawner({
    log,
    registry,
    forkNode: forkWithNode,
    childrenDir: options.childrenDir,
    python: lookUpPython,
    target: labTarget,
    nextRunId: createCounter(),
  });
  const alarm = createAlarm({
    log,
    clock,
    raise: () => {
      signals.expectAlarm();
      process.kill(process.pid, 'SIGALRM');
    },
  });
  const signals = createSignalHub({
    log,
    registry,
    forkNode: forkWithNode,
    childrenDir: options.childrenDir,
    onAlarm: () => alarm.delivered(),
  });
  const redirector = createRedirector({ log, registry, nextConnId, nextScriptId: createCounter() });
  const tracer = createTracer({
    log,
    registry,
    clock,
    nextTraceId: createCounter(),
    labPort: () => (echo.status().listening ? echo.status().port : null),
  });

  function modes(): ModeAvailability[] {
    return [
      { mode: 'process', available: true, detail: 'separate Node processes' },
      { mode: 'thread', available: true, detail: 'worker threads in one Node process' },
      python === null
        ? { mode: 'python', available: true, detail: 'python3, looked for when first used' }
        : python.available
          ? { mode: 'python', available: true, detail: `python ${python.version}` }
          : { mode: 'python', available: false, detail: python.reason },
    ];
  }

  return {
    log,
    registry,
    handlers: {
      'echo:start': (where) => echo.start(where),
      'echo:stop': () => echo.stop(),
      'clients:spawn': (request) => spawner.spawn(request),
      'signal:send': ({ signal, target }) => signals.send(signal, target),
      'signal:spawn-target': ({ signal }) => signals.spawnTarget(signal),
      'alarm:arm': ({ seconds, repeat }) => {
        // The alarm raises a real SIGALRM, which Windows does not have.
        if (signals.unsupportedReason) throw new Error(signals.unsupportedReason);
        return alarm.arm(seconds, repeat);
      },
      'alarm:cancel': () => alarm.cancel(),
      'script:run': (request) => redirector.run(request),
      'trace:run': (request) => tracer.run(request),
      'trace:attach': ({ pid }) => tracer.attach(pid),
      'trace:stop': ({ traceId }) => tracer.stop(traceId),
      'composer:send': (request) => composer.send(request),
      'composer:open': (request) => composer.open(request),
      'composer:close': (request) => composer.close(request),
    },
    info: () => ({
      pid: process.pid,
      platform: process.platform,
      host: options.host,
      startedAtMs: clock.startedAtMs,
      echo: echo.status(),
      modes: modes(),
      signals: signals.signals(),
      signalsUnsupported: signals.unsupportedReason,
      maxClients: MAX_CLIENTS,
      historyLimits: { events: log.capacity, bytes: log.maxBytes },
      trace: tracer.availability(),
    }),
    async start() {
      if (!signals.unsupportedReason) signals.install();
      await echo.start().catch(() => {
        // The status carries the error; the user picks another port in the UI.
      });
    },
    async shutdown() {
      alarm.close();
      runTracker.close();
      peerWatch?.close();
      await Promise.all([
        composer.shutdown(),
        echo.close(),
        redirector.close(),
        tracer.close(),
        registry.shutdown(options.shutdownGraceMs),
      ]);
      // A child's exit is reported once its output is read to the end, a moment after the process is gone.
      await spawner.settled();
      signals.uninstall();
      log.close();
    },
  };
}
