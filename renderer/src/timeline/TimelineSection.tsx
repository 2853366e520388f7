import type { ReactNode } from 'react';
import { OverviewStrip } from './OverviewStrip';
import { RunHeaders } from './RunHeaders';
import { TimelineDetails } from './TimelineDetails';
import { TimelineLegend } from './TimelineLegend';
import { TimelineToolbar } from './TimelineToolbar';
import { TimelineView } from './TimelineView';
import { useTimeline } from './timeline-context';
import './timeline.css';

/**
 * The timeline: toolbar, canvas, legend and the details of what was clicked. Each part reads what it shows
 * from the timeline's UI state itself: the pointer moves the tooltip alone, and a new summary re-renders only
 * what shows it.
 */
export function TimelineSection({ toolbarEnd }: { toolbarEnd?: ReactNode }) {
  const controller = useTimeline();
  return (
    <div className="timeline-section">
      <TimelineToolbar controller={controller} end={toolbarEnd} />
      <RunHeaders controller={controller} />
      <OverviewStrip controller={controller} />
      <TimelineView controller={controller} />
      <TimelineLegend />
      <TimelineDetails controller={controller} />
    </div>
  );
}
