import { AlarmPanel } from '../components/AlarmPanel';
import { ClientsPanel } from '../components/ClientsPanel';
import { ErrorList } from '../components/ErrorList';
import { Header } from '../components/Header';
import { ReplyLogPanel } from '../components/ReplyLogPanel';
import { ScriptPanel } from '../components/ScriptPanel';
import { ShortcutHelp } from '../components/ShortcutHelp';
import { SignalsPanel } from '../components/SignalsPanel';
import { TimelinePanel } from '../components/TimelinePanel';
import { ReadOnlyGate } from '../session-file/ReadOnlyGate';
import { SessionBanner } from '../session-file/SessionBanner';
import { SessionDrop } from '../session-file/SessionDrop';
import { Shortcuts } from './Shortcuts';

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
