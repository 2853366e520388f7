import type { Clock } from './clock';
import type { EventLog } from './event-log';

export interface AlarmDeps {
  log: EventLog;
  clock: Clock;
  /** Sends a real SIGALRM to the host, after telling the signal hub to expect it. */
  raise: () => void;
}

export interface Alarm {
  /** Like signal.alarm(seconds): replaces any pending alarm; 0 cancels. With repeat it re-arms after each delivery. */
  arm(seconds: number, repeat?: boolean): { previousRemaining: number };
  cancel(): { remaining: number };
  /** The hub calls this once SIGALRM has arrived and been recorded. */
  delivered(): void;
  close(): void;
}

/** The semantics of Python's signal.alarm, with a timer standing in for the kernel's. */
export function createAlarm({ log, clock, raise }: AlarmDeps): Alarm {
  let timer: NodeJS.Timeout | null = null;
  let deadline = 0; // lab µs
  // Set between a repeating alarm going off and its SIGALRM arriving: delivered() re-arms then.
  let rearmSeconds: number | null = null;

  /** Whole seconds left, rounded up as alarm() returns them; never 0 while one is pending. */
  function remaining(): number {
    if (!timer) return 0;
    return Math.max(1, Math.ceil((deadline - clock.now()) / 1_000_000));
  }

  function clear(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    rearmSeconds = null;
  }

  function start(seconds: number, repeat: boolean, previousRemaining: number): void {
    deadline = clock.now() + Math.round(seconds * 1_000_000);
    const goOff = (): void => {
      // Node's timers run on a millisecond loop clock and can wake a little before the deadline.
      const early = deadline - clock.now();
      if (early > 0) {
        timer = setTimeout(goOff, Math.ceil(early / 1_000));
        return;
      }
      timer = null;
      rearmSeconds = repeat ? seconds : null;
      log.append({ kind: 'alarm:fired', repeat });
      raise();
    };
    timer = setTimeout(goOff, seconds * 1_000);
    log.append({ kind: 'alarm:armed', seconds, repeat, deadline, previousRemaining });
  }

  function cancel(): { remaining: number } {
    const wasPending = timer !== null || rearmSeconds !== null;
    const left = remaining();
    clear();
    if (wasPending) log.append({ kind: 'alarm:cancelled', remaining: left });
    return { remaining: left };
  }

  return {
    arm(seconds, repeat = false) {
      if (!Number.isFinite(seconds) || seconds < 0) {
        throw new Error(`alarm seconds must be 0 or more, got ${seconds}`);
      }
      if (seconds === 0) return { previousRemaining: cancel().remaining };
      const previousRemaining = remaining();
      clear();
      start(seconds, repeat, previousRemaining);
      return { previousRemaining };
    },
    cancel,
    delivered() {
      // A SIGALRM from elsewhere (kill -14) must not restart a loop that is not waiting for one.
      if (rearmSeconds === null || timer) return;
      const seconds = rearmSeconds;
      rearmSeconds = null;
      start(seconds, true, 0);
    },
    close: clear,
  };
}
