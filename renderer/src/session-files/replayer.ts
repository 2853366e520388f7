import type { LabEvent } from '../../../contract/events';

/** How much slower than real time a replay runs: 1/10, 1/100 or 1/1000. */
export const REPLAY_SLOWDOWNS = [10, 100, 1_000] as const;
export type ReplaySlowdown = (typeof REPLAY_SLOWDOWNS)[number];

/** An idle stretch of the session plays as at most this long: at 1/1000, a second would take a quarter hour. */
const MAX_WAIT_MS = 1_000;
/** Events closer than this once slowed down are shown together, in one frame's batch. */
const SAME_FRAME_MS = 4;

export interface ReplayPosition {
  slowdown: ReplaySlowdown;
  playing: boolean;
  /** Events shown so far, of `total`. */
  at: number;
  total: number;
}

export interface Replayer {
  play(): void;
  pause(): void;
  /** Pauses, and shows the next event alone. */
  step(): void;
  setSlowdown(slowdown: ReplaySlowdown): void;
  /** Stops for good: no event is shown after this. */
  stop(): void;
}

/**
 * Plays `events` from `start` into `show`, each after the lab time since the one before, slowed down: so a
 * race of a few milliseconds unfolds over seconds, one accept at a time. Idle gaps are shortened.
 */
export function createReplayer(
  events: readonly LabEvent[],
  start: number,
  show: (batch: LabEvent[]) => void,
  report: (position: ReplayPosition) => void,
): Replayer {
  let at = start;
  let slowdown: ReplaySlowdown = 100;
  let playing = false;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const publish = () => report({ slowdown, playing, at, total: events.length });

  /** Wall time until the next event is due, from the one shown before it. */
  const due = () => {
    const next = events[at];
    const before = events[at - 1];
    if (!next || !before || at === start) return 0;
    return Math.min(((next.t - before.t) / 1_000) * slowdown, MAX_WAIT_MS);
  };

  const clear = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };

  const tick = () => {
    timer = null;
    const batch: LabEvent[] = [];
    do batch.push(events[at++] as LabEvent);
    while (at < events.length && due() < SAME_FRAME_MS);
    show(batch);
    if (at >= events.length) playing = false;
    if (playing) timer = setTimeout(tick, due());
    publish();
  };

  return {
    play() {
      if (stopped || playing || at >= events.length) return;
      playing = true;
      timer = setTimeout(tick, due());
      publish();
    },
    pause() {
      clear();
      playing = false;
      publish();
    },
    step() {
      clear();
      playing = false;
      if (!stopped && at < events.length) show([events[at++] as LabEvent]);
      publish();
    },
    setSlowdown(next) {
      slowdown = next;
      if (playing) {
        clear();
        timer = setTimeout(tick, due());
      }
      publish();
    },
    stop() {
      stopped = true;
      playing = false;
      clear();
    },
  };
}
