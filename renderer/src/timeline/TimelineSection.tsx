import { type ReactNode, useMemo, useSyncExternalStore } from 'react';
import { SummaryFeed } from './summary';
import { TimelineDetails } from './TimelineDetails';
import { TimelineLegend } from './TimelineLegend';
import { TimelineToolbar } from './TimelineToolbar';
import { TimelineView } from './TimelineView';
import { useTimeline } from './timeline-context';
import './timeline.css';

/** The timeline: toolbar, canvas, legend and the details of what was clicked. */
export function TimelineSection({ toolbarEnd }: { toolbarEnd?: ReactNode }) {
  const controller = useTimeline();
  const { data } = controller;
  const ui = useSyncExternalStore(controller.subscribeUi, controller.getUi);
  const feed = useMemo(() => new SummaryFeed(data), [data]);
  const summary = useSyncExternalStore(feed.subscribe, feed.get);
  return (
    <div className="timeline-section">
      <TimelineToolbar controller={controller} following={ui.following} summary={summary} end={toolbarEnd} />
      <TimelineView controller={controller} hover={ui.hover} summary={summary} />
      <TimelineLegend />
      <TimelineDetails controller={controller} selected={ui.selected} />
    </div>
  );
}
