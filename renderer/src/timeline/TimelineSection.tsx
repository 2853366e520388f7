import type { ReactNode } from 'react';
import { useStore } from 'zustand';
import { OverviewStrip } from './OverviewStrip';
import { RunHeaders } from './RunHeaders';
import { TimelineDetails } from './TimelineDetails';
import { TimelineLegend } from './TimelineLegend';
import { TimelineToolbar } from './TimelineToolbar';
import { TimelineView } from './TimelineView';
import { useTimeline } from './timeline-context';
import './timeline.css';

/** The timeline: toolbar, canvas, legend and the details of what was clicked. */
export function TimelineSection({ toolbarEnd }: { toolbarEnd?: ReactNode }) {
  const controller = useTimeline();
  const { hover, selected, summary, aligned } = useStore(controller.ui);
  return (
    <div className="timeline-section">
      <TimelineToolbar controller={controller} summary={summary} aligned={aligned} end={toolbarEnd} />
      <RunHeaders controller={controller} runs={summary.runs} />
      <OverviewStrip controller={controller} />
      <TimelineView controller={controller} hover={hover} summary={summary} />
      <TimelineLegend />
      <TimelineDetails controller={controller} selected={selected} />
    </div>
  );
}
