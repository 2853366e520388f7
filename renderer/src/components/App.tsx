import { AlarmPanel } from './AlarmPanel';
import { ClientsPanel } from './ClientsPanel';
import { ErrorList } from './ErrorList';
import { Header } from './Header';
import { ScriptPanel } from './ScriptPanel';
import { SignalsPanel } from './SignalsPanel';
import { TimelinePanel } from './TimelinePanel';

export function App() {
  return (
    <>
      <Header />
      <main>
        <ErrorList />
        <div className="grid">
          <ClientsPanel />
          <TimelinePanel />
          <SignalsPanel />
          <AlarmPanel />
          <ScriptPanel />
        </div>
      </main>
    </>
  );
}
