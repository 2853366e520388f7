import { EchoControls } from '../echo/EchoControls';
import { Panel } from '../lib/Panel';
import { ReadOnlyGate } from '../session-files/ReadOnlyGate';
import { ReplayBar } from '../session-files/ReplayBar';
import { SessionButtons } from '../session-files/SessionButtons';
import { TimelineSection } from '../timeline/TimelineSection';

/** The timeline with the echo server's controls above it and the session-file buttons in its toolbar. */
export function TimelinePanel() {
  return (
    <Panel
      title="Timeline"
      hint="Every connection from accept() to close(), on one clock with the signals and the alarm."
    >
      <ReadOnlyGate>
        <EchoControls />
      </ReadOnlyGate>
      <TimelineSection
        toolbarEnd={
          <>
            <SessionButtons />
            <ReplayBar />
          </>
        }
      />
    </Panel>
  );
}
