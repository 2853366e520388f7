import type { HostLink } from '../bridge/link-status';
import type { NextFrame } from '../lib/animation-frame';
import type { LabStore } from '../store/lab-store';
import type { Ingest } from './event-ingest';
import { FrameQueue } from './frame-queue';

export interface LiveLinkDeps {
  link: HostLink;
  store: LabStore;
  ingest: Ingest;
  /** For a few events; `floodFrame` for many (frame-queue.ts). */
  liveFrame: NextFrame;
  floodFrame: NextFrame;
}

/**
 * Says hello, applies the snapshot, then the history and the live batches after it in frames (frame-queue.ts);
 * returns the function that stops listening.
 */
export function startLiveLink({ link, store, ingest, liveFrame, floodFrame }: LiveLinkDeps): () => void {
  // An earlier subscription's batches can still come before the hello reply: the queue holds them, and
  // lets go of those the history that follows the reply has.
  const queue = new FrameQueue(liveFrame, ingest, floodFrame);
  let stopped = false;
  const stopEvents = link.bridge.onEvents((batch) => queue.push(batch));
  const stopStatus = link.watchStatus((status) => {
    if (status.state === 'lost') store.getState().setLinkLost(status.reason);
  });
  link.bridge.invoke('lab:hello', {}).then(
    (snapshot) => {
      if (stopped) return;
      store.getState().applySnapshot(snapshot);
      queue.open(snapshot.history.lastSeq);
    },
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      store.getState().setLinkLost(`could not reach the lab: ${message}`);
    },
  );
  return () => {
    stopped = true;
    queue.stop();
    stopEvents();
    stopStatus();
  };
}
