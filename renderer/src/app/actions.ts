import { spawnAsSet } from '../clients/spawn-request';
import type { AppActions } from '../lib/actions';
import type { SessionFiles } from '../session-files/session-files';
import type { LabStore } from '../store/lab-store';
import type { TimelineController } from '../timeline/timeline-controller';

/** The app's one list of actions; the desktop menu and the keys name them (MenuAction, ShortcutAction). */
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
    zoomIn: () => timeline.zoomStep(1),
    zoomOut: () => timeline.zoomStep(-1),
    panEarlier: () => timeline.panStep(-1),
    panLater: () => timeline.panStep(1),
    toStart: () => timeline.toStart(),
    follow: () => timeline.follow(),
    fit: () => timeline.fit(),
    export: () => void files.exportSession(),
    importFile: (file) => void files.importFile(file),
    help: () => setHelpOpen(!store.getState().helpOpen),
    close: () => {
      if (!store.getState().helpOpen) return timeline.deselect();
      setHelpOpen(false);
      return true;
    },
  };
}
