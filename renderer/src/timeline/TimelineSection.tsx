import { useMemo, useSyncExternalStore } from 'react';
import { useSessionFiles } from '../session-file/session-context';
import { useLabStore } from '../store/use-lab';
import { SummaryFeed } from './summary';
import { TimelineDetails } from './TimelineDetails';
import { TimelineLegend } from './TimelineLegend';
import { TimelineToolbar } from './TimelineToolbar';
import { TimelineView } from './TimelineView';
import { useTimelineData } from './timeline-context';
import { useTimelineController } from './use-timeline-controller';
import './timeline.css';

/** The timeline: toolbar, canvas, legend and the details of what was clicked. */
export function TimelineSection() {
  const data = useTimelineData();
  const store = useLabStore();
  const files = useSessionFiles();
  const controller = useTimelineController(data, store, files);
  const ui = useSyncExternalStore(controller.subscribeUi, controller.getUi);
  const feed = useMemo(() => new SummaryFeed(data), [data]);
  const summary = useSyncExternalStore(feed.subscribe, feed.get);
  return (
    <div className="timeline-section">
      <TimelineToolbar controller={controller} following={ui.following} summary={summary} />
      <TimelineView controller={controller} hover={ui.hover} summary={summary} />
      <TimelineLegend />
      <TimelineDetails controller={controller} selected={ui.selected} />
    </div>
  );
}
