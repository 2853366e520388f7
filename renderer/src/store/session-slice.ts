import type { HistorySize, LabInfo, Snapshot } from '../../../contract/commands';
import type { LabEvent } from '../../../contract/events';
import { applyEvents } from './apply-events';
import { FrameQueue } from './frame-queue';
import type { SliceContext } from './slice';

export type LinkState = 'connecting' | 'live' | 'lost';

export interface SessionData {
  link: LinkState;
  /** Why the link is lost, in words. */
  linkMessage: string | null;
  info: LabInfo | null;
  /** The newest event applied; anything at or below it is a duplicate. */
  lastSeq: number;
  /** Lab time (µs) of the newest event applied. */
  lastT: number;
  /** Events the host's bounded history let go before we saw them. */
  evicted: number;
  /** Wall-clock ms at lab time 0 (the lab's startedAtMs); null before the hello reply. */
  clockOffsetMs: number | null;
  /** The retained history that follows the hello reply; it is in once lastSeq reaches its lastSeq. */
  history: HistorySize;
}

export interface SessionSlice extends SessionData {
  /**
   * Says hello, applies the snapshot, then the history and the live batches after it once a frame; returns
   * the function that stops listening.
   */
  start(): () => void;
  applySnapshot(snapshot: Snapshot): void;
  applyBatch(events: readonly LabEvent[]): void;
}

export const initialSession: SessionData = {
  link: 'connecting',
  linkMessage: null,
  info: null,
  lastSeq: 0,
  lastT: 0,
  evicted: 0,
  clockOffsetMs: null,
  history: { events: 0, lastSeq: 0 },
};

export function createSessionSlice({
  set,
  get,
  bridge,
  watchStatus,
  sink,
  nextFrame,
}: SliceContext): SessionSlice {
  return {
    ...initialSession,
    start() {
      // An earlier subscription's batches can still come before the hello reply: the queue holds them, and
      // lets go of those the history that follows the reply has.
      const queue = new FrameQueue(nextFrame, (events) => get().applyBatch(events));
      let stopped = false;
      const stopEvents = bridge.onEvents((batch) => queue.push(batch));
      const stopStatus = watchStatus((status) => {
        if (status.state === 'lost') set({ link: 'lost', linkMessage: status.reason });
      });
      bridge.invoke('lab:hello', {}).then(
        (snapshot) => {
          if (stopped) return;
          get().applySnapshot(snapshot);
          queue.open(snapshot.history.lastSeq);
        },
        (error: unknown) => {
          const message = error instanceof Error ? error.message : String(error);
          set({ link: 'lost', linkMessage: `could not reach the lab: ${message}` });
        },
      );
      return () => {
        stopped = true;
        queue.stop();
        stopEvents();
        stopStatus();
      };
    },
    applySnapshot(snapshot) {
      set({
        info: snapshot.info,
        clockOffsetMs: snapshot.info.startedAtMs,
        // The info is the state now: the history that follows may start after older changes were evicted.
        echo: snapshot.info.echo,
        evicted: Math.max(get().evicted, snapshot.evicted),
        history: snapshot.history,
        link: get().link === 'lost' ? 'lost' : 'live',
      });
    },
    applyBatch(events) {
      if (events.length === 0) return;
      sink?.(events);
      set(applyEvents(get(), events));
    },
  };
}
