import { memo } from 'react';
import { ReplayBar } from '../session-files/ReplayBar';
import { TimelineSection } from '../timeline/TimelineSection';
import { MaximiseButton } from './MaximiseButton';

/** The timeline in the workspace's centre, with the replay controls in its toolbar. */
export const TimelinePanel = memo(function TimelinePanel() {
  return (
    <section className="timeline-panel" aria-labelledby="timeline-title">
      <h2 id="timeline-title" className="visually-hidden">
        Timeline: every connection from accept() to close(), on one clock with the signals and the alarm
      </h2>
      <TimelineSection
        toolbarEnd={
          <>
            <ReplayBar />
            <MaximiseButton part="timeline" what="the timeline" />
          </>
        }
      />
    </section>
  );
});
