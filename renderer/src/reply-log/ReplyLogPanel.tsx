import { useState } from 'react';
import { LogFilterBar } from './LogFilterBar';
import { type LogFilter, NO_FILTER } from './log-filter';
import { ReplyLog } from './ReplyLog';

/** One row per client and per outside connection, with the filter that narrows them. */
export function ReplyLogPanel() {
  const [filter, setFilter] = useState<LogFilter>(NO_FILTER);
  return (
    <>
      <LogFilterBar filter={filter} onChange={setFilter} />
      <ReplyLog filter={filter} />
    </>
  );
}
