import { ClientsPanel } from '../clients/ClientsPanel';
import { Composer } from '../composer/Composer';
import { ScriptPanel } from '../output/ScriptPanel';
import { ReplyLogPanel } from '../reply-log/ReplyLogPanel';
import { ReadOnlyGate } from '../session-files/ReadOnlyGate';
import { SessionBanner } from '../session-files/SessionBanner';
import { SessionDrop } from '../session-files/SessionDrop';
import { useReadOnly } from '../session-files/session-context';
import { AlarmPanel } from '../signals/AlarmPanel';
import { SignalsPanel } from '../signals/SignalsPanel';
import { TracePanel } from '../trace/TracePanel';
import { ErrorList } from './ErrorList';
import { Header } from './Header';
import { SequencePanel } from './SequencePanel';
import { ShortcutHelp } from './ShortcutHelp';
import { Shortcuts } from './Shortcuts';
import { TimelinePanel } from './TimelinePanel';

export function App() {
  // A file or a replay on screen has no "now": what is quiet in it says nothing about a buffer.
  const live = !useReadOnly();
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
          <ScriptPanel live={live} />
          <ReadOnlyGate>
            <TracePanel />
          </ReadOnlyGate>
          <SequencePanel />
        </div>
      </main>
      <SessionDrop />
      <Shortcuts />
      <ShortcutHelp />
    </>
  );
}
