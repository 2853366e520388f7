import type { ReactNode } from 'react';
import { TimelineDataContext } from '../timeline/timeline-context';
import { SessionFilesContext } from './session-context';
import type { Viewer } from './viewer';

/** Puts the timeline's history and the session files where the views can reach them. */
export function ViewerContexts({ viewer, children }: { viewer: Viewer; children: ReactNode }) {
  return (
    <TimelineDataContext value={viewer.timeline}>
      <SessionFilesContext value={viewer.files}>{children}</SessionFilesContext>
    </TimelineDataContext>
  );
}
