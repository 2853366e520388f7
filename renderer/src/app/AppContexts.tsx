import type { ReactNode } from 'react';
import { ActionsContext } from '../lib/actions';
import { SessionFilesContext } from '../session-files/session-context';
import { LabStoreContext } from '../store/use-lab';
import { TimelineContext } from '../timeline/timeline-context';
import type { LabApp } from './create-app';

/** Puts the app's parts where the views can reach them. */
export function AppContexts({ app, children }: { app: LabApp; children: ReactNode }) {
  return (
    <LabStoreContext value={app.storeHandle}>
      <TimelineContext value={app.timeline}>
        <SessionFilesContext value={app.files}>
          <ActionsContext value={app.actions}>{children}</ActionsContext>
        </SessionFilesContext>
      </TimelineContext>
    </LabStoreContext>
  );
}
