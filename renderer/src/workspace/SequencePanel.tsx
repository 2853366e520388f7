import { useMemo } from 'react';
import { useTimeline } from '../timeline/timeline-context';
import { SequenceView } from '../trace/SequenceView';
import type { TimeLink } from '../trace/time-link';

/** The message sequence chart, tied to the timeline: its range, its pointer, and a click that goes there. */
export function SequencePanel() {
  const timeline = useTimeline();
  const link = useMemo<TimeLink>(
    () => ({
      // While the timeline follows the lab, the chart shows every arrow; once the user moves it, its range.
      // Aligned runs have no one lab range: the chart shows every arrow then too.
      window: () =>
        timeline.view.following || timeline.aligned || !timeline.lastDrawing() ? null : timeline.view.window,
      pointerTime: () => timeline.pointerTime(),
      subscribe: (changed) => {
        // A pointer moving over empty lanes changes the hover state without a redraw.
        const stops = [timeline.onDrawn(changed), timeline.ui.subscribe(changed)];
        return () => {
          for (const stop of stops) stop();
        };
      },
      mark: (t) => timeline.markTime(t),
      reveal: (span) => timeline.reveal(span),
    }),
    [timeline],
  );
  return <SequenceView link={link} />;
}
