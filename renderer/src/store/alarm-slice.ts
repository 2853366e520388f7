import type { BeginBatch, SliceContext } from './slice';

export interface AlarmState {
  /** The alarm that will go off, if any; `deadline` is lab time (µs). */
  pending: { seconds: number; repeat: boolean; deadline: number } | null;
  /** What signal.alarm() returned at the last arm: the seconds the replaced alarm had left. */
  lastPreviousRemaining: number | null;
  /** Seconds left on the alarm the last cancel stopped. */
  lastCancelledRemaining: number | null;
  fired: number;
  lastFiredAt: number | null;
  /** A repeating alarm went off and the lab will re-arm it; that re-arm replaced nothing the user set. */
  awaitingRepeat: boolean;
}

export interface AlarmData {
  alarm: AlarmState;
}

export interface AlarmSlice extends AlarmData {
  armAlarm(seconds: number, repeat: boolean): Promise<void>;
  cancelAlarm(): Promise<void>;
}

const initialAlarm: AlarmData = {
  alarm: {
    pending: null,
    lastPreviousRemaining: null,
    lastCancelledRemaining: null,
    fired: 0,
    lastFiredAt: null,
    awaitingRepeat: false,
  },
};

export function createAlarmSlice({ command }: SliceContext): AlarmSlice {
  return {
    ...initialAlarm,
    async armAlarm(seconds, repeat) {
      await command('alarm:arm', { seconds, repeat });
    },
    async cancelAlarm() {
      await command('alarm:cancel', {});
    },
  };
}

export const beginAlarmBatch: BeginBatch = (state) => {
  let alarm: AlarmState | null = null; // copied on the first alarm event of the batch
  const edit = () => {
    alarm ??= { ...state.alarm };
    return alarm;
  };
  return {
    apply(event) {
      switch (event.kind) {
        case 'alarm:armed': {
          const next = edit();
          // Arming for 0 seconds cancels, as with signal.alarm(0).
          next.pending =
            event.seconds > 0
              ? { seconds: event.seconds, repeat: event.repeat, deadline: event.deadline }
              : null;
          if (!(next.awaitingRepeat && event.repeat)) {
            next.lastPreviousRemaining = event.previousRemaining;
            next.lastCancelledRemaining = null;
          }
          next.awaitingRepeat = false;
          break;
        }
        case 'alarm:cancelled': {
          const next = edit();
          next.pending = null;
          next.awaitingRepeat = false;
          next.lastCancelledRemaining = event.remaining;
          break;
        }
        case 'alarm:fired': {
          const next = edit();
          next.fired += 1;
          next.lastFiredAt = event.t;
          const pending = next.pending;
          next.awaitingRepeat = event.repeat;
          // A repeating alarm goes again after the same interval; the lab's re-arm event then replaces this guess.
          next.pending =
            event.repeat && pending ? { ...pending, deadline: event.t + pending.seconds * 1_000_000 } : null;
          break;
        }
      }
    },
    finish: () => (alarm ? { alarm } : {}),
  };
};
