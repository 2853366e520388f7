import { ReadOnlyGate } from '../session-file/ReadOnlyGate';
import { SessionBanner } from '../session-file/SessionBanner';
import { SessionDrop } from '../session-file/SessionDrop';
import { AlarmPanel } from './AlarmPanel';
import { ClientsPanel } from './ClientsPanel';
import { ErrorList } from './ErrorList';
import { Header } from './Header';
import { ReplyLogPanel } from './ReplyLogPanel';
import { ScriptPanel } from './ScriptPanel';
import { ShortcutHelp } from './ShortcutHelp';
import { Shortcuts } from './Shortcuts';
import { SignalsPanel } from './SignalsPanel';
import { TimelinePanel } from './TimelinePanel';

export function App() {
  return (
    <>
      <Header />
      <main>
        <SessionBanner />
        <ErrorList />
        <div className="grid">
          <ReadOnlyGate>
            <ClientsPanel />
          </ReadOnlyGate>
          {/* The timeline's slot: its panel owns everything inside. */}
          <div className="area-timeline">
            <TimelinePanel />
          </div>
          <ReplyLogPanel />
          <ReadOnlyGate>
            <SignalsPanel />
            <AlarmPanel />
          </ReadOnlyGate>
          <ScriptPanel />
        </div>
      </main>
      <SessionDrop />
      <Shortcuts />
      <ShortcutHelp />
    </>
  );
}
