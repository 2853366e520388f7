import { Panel } from '../lib/Panel';
import { AlarmForm } from './AlarmForm';
import { AlarmStatus } from './AlarmStatus';

export function AlarmPanel() {
  return (
    <Panel
      className="area-alarm"
      title="Alarm"
      hint="signal.alarm(n): the kernel sends SIGALRM after n seconds; a new alarm replaces the old."
    >
      <AlarmForm />
      <AlarmStatus />
    </Panel>
  );
}
