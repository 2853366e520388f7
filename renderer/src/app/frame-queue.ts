import type { LabEvent } from '../../../contract/events';
import type { NextFrame } from '../lib/animation-frame';

/**
 * Holds the batches that come before the hello reply, then applies every batch that arrived within one frame
 * together: one `set` and one draw a frame, however many batches the host sent (history or live).
 */
export class FrameQueue {
  private batches: LabEvent[][] = [];
  private state: 'held' | 'open' | 'stopped' = 'held';
  private scheduled = false;

  constructor(
    private readonly nextFrame: NextFrame,
    private readonly apply: (events: readonly LabEvent[]) => void,
  ) {}

  push(batch: LabEvent[]): void {
    if (this.state === 'stopped' || batch.length === 0) return;
    this.batches.push(batch);
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
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.nextFrame(() => {
      this.scheduled = false;
      if (this.state === 'open') this.flush();
    });
  }

  private flush(): void {
    const { batches } = this;
    if (batches.length === 0) return;
    this.batches = [];
    const events = batches.length === 1 ? (batches[0] as LabEvent[]) : batches.flat();
    this.apply(events);
  }
}
