import type { MenuAction } from '../../../contract/bridge';
import { spawnAsSet } from '../clients/spawn-request';
import type { SessionFiles } from '../session-files/session-files';
import type { LabStore } from '../store/lab-store';
import type { TimelineController } from '../timeline/timeline-controller';
import type { ShortcutAction } from './shortcuts';

/** What the user can ask of the app from anywhere: the desktop menu and the keys both call these. */
export type AppActions = Record<MenuAction | ShortcutAction, () => void> & {
  importFile(file: File): void;
};

export function createActions({
  store,
  timeline,
  files,
}: {
  store: LabStore;
  timeline: TimelineController;
  files: SessionFiles;
}): AppActions {
  const setHelpOpen = (open: boolean) => store.getState().setHelpOpen(open);
  return {
    spawn: () => spawnAsSet(store.getState()),
    follow: () => timeline.follow(),
    fit: () => timeline.fit(),
    export: () => void files.exportSession(),
    importFile: (file) => void files.importFile(file),
    help: () => setHelpOpen(!store.getState().helpOpen),
    close: () => setHelpOpen(false),
  };
}
