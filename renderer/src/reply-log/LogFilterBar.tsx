import type { LogFilter } from './log-filter';

interface LogFilterBarProps {
  filter: LogFilter;
  onChange(filter: LogFilter): void;
}

const MODE_OPTIONS: { value: LogFilter['mode']; text: string }[] = [
  { value: 'all', text: 'all' },
  { value: 'process', text: 'process clients' },
  { value: 'thread', text: 'thread clients' },
  { value: 'python', text: 'python clients' },
  { value: 'composer', text: 'composer' },
  { value: 'external', text: 'external connections' },
  { value: 'traced', text: 'traced programs' },
];

/** Narrows the reply log by kind, by failure, and by any text a row shows. */
export function LogFilterBar({ filter, onChange }: LogFilterBarProps) {
  return (
    <div className="controls log-filter">
      <label className="grow">
        Search
        <input
          type="search"
          data-testid="log-search"
          aria-label="Search the reply log"
          placeholder="pid, address, text sent or printed…"
          value={filter.query}
          onChange={(event) => onChange({ ...filter, query: event.target.value })}
        />
      </label>
      <label>
        Show
        <select
          data-testid="log-mode"
          value={filter.mode}
          onChange={(event) => onChange({ ...filter, mode: event.target.value as LogFilter['mode'] })}
        >
          {MODE_OPTIONS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.text}
            </option>
          ))}
        </select>
      </label>
      <label className="check">
        <input
          type="checkbox"
          data-testid="log-failed"
          checked={filter.failedOnly}
          onChange={(event) => onChange({ ...filter, failedOnly: event.target.checked })}
        />
        failed only
      </label>
    </div>
  );
}
