import { useState } from 'react';
import { Panel } from '../lib/Panel';
import { LogFilterBar } from './LogFilterBar';
import { type LogFilter, NO_FILTER } from './log-filter';
import { ReplyLog } from './ReplyLog';

export function ReplyLogPanel() {
  const [filter, setFilter] = useState<LogFilter>(NO_FILTER);
  return (
    <Panel
      className="area-log"
      title="Reply log"
      hint="One row per client and per outside connection: what it sent, what came back, and how long it took."
    >
      <LogFilterBar filter={filter} onChange={setFilter} />
      <ReplyLog filter={filter} />
    </Panel>
  );
}
