import { useEffect, useState } from 'react';
import type { SessionFiles } from '../session-file/session-files';
import type { LabStore } from '../store/lab-store';
import { TimelineController } from './timeline-controller';
import type { TimelineData } from './timeline-data';

/**
 * One controller for the panel's life. Its clock is the lab's while live (open connections keep growing)
 * and the last event's while an imported session is shown; shortcuts reach it through the store.
 */
export function useTimelineController(
  data: TimelineData,
  store: LabStore,
  files: SessionFiles,
): TimelineController {
  const [controller] = useState(() => {
    const live = () => files.state.getState().mode === 'live' && store.getState().link === 'live';
    return new TimelineController(data, {
      live,
      now() {
        const last = data.extent()?.end ?? 0;
        const offset = store.getState().clockOffsetMs;
        return live() && offset !== null ? Math.max(last, (Date.now() - offset) * 1_000) : last;
      },
    });
  });
  useEffect(
    () =>
      store.subscribe((state, previous) => {
        const command = state.timelineCommand;
        if (!command || command === previous.timelineCommand) return;
        if (command.action === 'follow') controller.follow();
        else controller.fit();
      }),
    [store, controller],
  );
  useEffect(
    () =>
      files.state.subscribe((state, previous) => {
        if (state.mode === previous.mode) return;
        // A different session: show all of it, and follow it if it is live.
        controller.view.fitMode = true;
        controller.follow();
      }),
    [files, controller],
  );
  return controller;
}
