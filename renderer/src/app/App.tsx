import { SessionBanner } from '../session-files/SessionBanner';
import { SessionDrop } from '../session-files/SessionDrop';
import { useReadOnly } from '../session-files/session-context';
import { Workspace } from '../workspace/Workspace';
import { ErrorList } from './ErrorList';
import { Header } from './Header';
import { ShortcutHelp } from './ShortcutHelp';
import { Shortcuts } from './Shortcuts';

export function App() {
  // A file or a replay on screen has no "now": what is quiet in it says nothing about a buffer.
  const live = !useReadOnly();
  return (
    <div className="workspace">
      <Header />
      <div className="workspace-notices">
        <SessionBanner />
        <ErrorList />
      </div>
      <main className="workspace-main">
        <Workspace live={live} />
      </main>
      <SessionDrop />
      <Shortcuts />
      <ShortcutHelp />
    </div>
  );
}
