import type { LabEvent } from '../../../contract/events';
import { type FrameAsk, frameAsk, type NextFrame } from '../lib/animation-frame';

/**
 * This many events waiting make a flood: each frame then carries thousands, its fixed cost is small beside
 * them, and waiting for a live frame would only make the frames longer. Fewer wait for a live frame.
 */
const FLOOD_EVENTS = 256;

/**
 * Holds the batches that come before the hello reply, then applies the batches that arrived meanwhile
 * together, in a frame: one `set` for them however many the host sent (history or live).
 */
export class FrameQueue {
  private batches: LabEvent[][] = [];
  private waitingEvents = 0;
  private state: 'held' | 'open' | 'stopped' = 'held';
  private readonly flushes: FrameAsk;

  /** `liveFrame` for a few events, `floodFrame` once FLOOD_EVENTS wait. */
  constructor(
    liveFrame: NextFrame,
    private readonly apply: (events: readonly LabEvent[]) => void,
    floodFrame: NextFrame = liveFrame,
  ) {
    const flushOpen = () => {
      if (this.state === 'open') this.flush();
    };
    this.flushes = frameAsk(flushOpen, { live: liveFrame, soon: floodFrame });
  }

  push(batch: LabEvent[]): void {
    if (this.state === 'stopped' || batch.length === 0) return;
    this.batches.push(batch);
    this.waitingEvents += batch.length;
    if (this.state === 'open') this.schedule();
  }

  /**
   * Applies what waited, now, and from then on once a frame. Events at or below `subscribedAt` that waited
   * came from an earlier subscription (a reloaded window's, or the one before going back to live): the
   * history that follows the reply has them, and applied first they would hide it from the dedupe.
   */
  open(subscribedAt = 0): void {
    if (this.state !== 'held') return;
    this.state = 'open';
    this.batches = this.batches
      .map((batch) => batch.filter((event) => event.seq > subscribedAt))
      .filter((batch) => batch.length > 0);
    this.flush();
  }

  stop(): void {
    this.state = 'stopped';
    this.batches = [];
    this.flushes.cancel();
  }

  private schedule(): void {
    this.flushes.ask(this.waitingEvents >= FLOOD_EVENTS);
  }

  private flush(): void {
    const { batches } = this;
    this.waitingEvents = 0;
    if (batches.length === 0) return;
    this.batches = [];
    const events = batches.length === 1 ? (batches[0] as LabEvent[]) : batches.flat();
    this.apply(events);
  }
}
