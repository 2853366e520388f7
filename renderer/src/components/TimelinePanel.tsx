import { EchoControls } from './EchoControls';
import { Panel } from './Panel';
import { Timeline } from './Timeline';

export function TimelinePanel() {
  return (
    <Panel
      title="Echo server"
      hint="The server answers each connection's first message, then waits for the close."
    >
      <EchoControls />
      <Timeline />
    </Panel>
  );
}
