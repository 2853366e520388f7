import { ReadOnlyGate } from '../session-file/ReadOnlyGate';
import { TimelineSection } from '../timeline/TimelineSection';
import { EchoControls } from './EchoControls';
import { Panel } from './Panel';

export function TimelinePanel() {
  return (
    <Panel
      title="Timeline"
      hint="Every connection from accept() to close(), on one clock with the signals and the alarm."
    >
      <ReadOnlyGate>
        <EchoControls />
      </ReadOnlyGate>
      <TimelineSection />
    </Panel>
  );
}
