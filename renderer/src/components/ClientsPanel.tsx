import { Panel } from './Panel';
import { ReplyList } from './ReplyList';
import { SpawnForm } from './SpawnForm';

export function ClientsPanel() {
  return (
    <Panel
      title="Clients"
      hint="Each client connects, sends its name, and prints what the echo server sent back."
    >
      <SpawnForm />
      <ReplyList />
    </Panel>
  );
}
