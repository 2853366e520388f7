import { useEffect, useId, useRef } from 'react';
import { useStore } from 'zustand';
import { TimelineEmpty } from './TimelineEmpty';
import { TimelineSummaryTable } from './TimelineSummaryTable';
import { TimelineTooltip } from './TimelineTooltip';
import type { TimelineController } from './timeline-controller';
import { attachInput } from './timeline-input';

/** The canvas, sized to its box; React renders only the tooltip, the empty state and the summary. */
export function TimelineView({ controller }: { controller: TimelineController }) {
  const summary = useStore(controller.ui, (ui) => ui.summary);
  const host = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const summaryId = useId();

  useEffect(() => {
    const box = host.current;
    const surface = canvas.current;
    if (!box || !surface) return;
    const detach = controller.attach(surface, box);
    const detachInput = attachInput(surface, controller);
    const measure = () =>
      controller.resize(surface.clientWidth, surface.clientHeight, window.devicePixelRatio || 1);
    const observer = new ResizeObserver(measure);
    observer.observe(surface);
    measure();
    return () => {
      observer.disconnect();
      detachInput();
      detach();
    };
  }, [controller]);

  return (
    <div
      ref={host}
      className="timeline"
      data-testid="timeline"
      data-connections={summary.connections}
      data-events={summary.events}
      data-evicted={summary.evicted}
    >
      <canvas
        ref={canvas}
        className="timeline-canvas"
        tabIndex={0}
        role="img"
        aria-label="Connection timeline: wheel to zoom, drag to pan, click for details, double-click empty time to find its lanes"
        aria-describedby={summaryId}
      />
      {summary.blank && <TimelineEmpty />}
      <TimelineTooltip controller={controller} />
      <TimelineSummaryTable id={summaryId} summary={summary} />
    </div>
  );
}
