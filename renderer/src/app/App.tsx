import { ClientsPanel } from '../clients/ClientsPanel';
import { Composer } from '../composer/Composer';
import { ScriptPanel } from '../output/ScriptPanel';
import { ReplyLogPanel } from '../reply-log/ReplyLogPanel';
import { ReadOnlyGate } from '../session-files/ReadOnlyGate';
import { SessionBanner } from '../session-files/SessionBanner';
import { SessionDrop } from '../session-files/SessionDrop';
import { AlarmPanel } from '../signals/AlarmPanel';
import { SignalsPanel } from '../signals/SignalsPanel';
import { ErrorList } from './ErrorList';
import { Header } from './Header';
import { ShortcutHelp } from './ShortcutHelp';
import { Shortcuts } from './Shortcuts';
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
            <ClientsPanel composer={<Composer />} />
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
