import type { ClientMode } from '../../../contract/events';
import { clientFailed } from '../store/clients-slice';
import type { LogKey } from '../store/reply-log-slice';
import { composerFailed, connectionFailed, describeRow, type LogSources } from './log-row';

export interface LogFilter {
  mode: 'all' | ClientMode | 'composer' | 'external' | 'traced';
  failedOnly: boolean;
  /** Case-insensitive; matched against everything a row shows. */
  query: string;
}

export const NO_FILTER: LogFilter = { mode: 'all', failedOnly: false, query: '' };

export function isFiltering(filter: LogFilter): boolean {
  return filter.mode !== 'all' || filter.failedOnly || filter.query.trim() !== '';
}

/** The rows a filter keeps, in order. Without a filter the list itself comes back, so nothing is copied. */
export function filterRows(
  rows: readonly LogKey[],
  sources: LogSources,
  filter: LogFilter,
): readonly LogKey[] {
  if (!isFiltering(filter)) return rows;
  const query = filter.query.trim().toLowerCase();
  return rows.filter((key) => {
    // Mode and failure are checked first, on the raw records: cheap enough for 100,000 rows per keystroke.
    if (key.startsWith('client:')) {
      const client = sources.clients.get(key.slice(7));
      if (!client) return false;
      if (filter.mode !== 'all' && filter.mode !== client.mode) return false;
      if (filter.failedOnly && !clientFailed(client)) return false;
    } else if (key.startsWith('composer:')) {
      const composer = sources.composers.get(Number(key.slice(9)));
      if (!composer) return false;
      if (filter.mode !== 'all' && filter.mode !== 'composer') return false;
      if (filter.failedOnly && !composerFailed(composer)) return false;
    } else if (key.startsWith('trace:')) {
      if (filter.mode !== 'all' && filter.mode !== 'traced') return false;
      if (filter.failedOnly) return false; // a traced connection is what its program made it: no failure to us
    } else {
      const conn = sources.connections.get(Number(key.slice(5)));
      if (!conn) return false;
      if (filter.mode !== 'all' && filter.mode !== 'external') return false;
      if (filter.failedOnly && !connectionFailed(conn)) return false;
    }
    return query === '' || searchText(key, sources).includes(query);
  });
}

function searchText(key: LogKey, sources: LogSources): string {
  const row = describeRow(key, sources);
  if (!row) return '';
  return [row.label, row.mode, row.who, row.sent?.text, row.reply, row.printed, row.end]
    .filter(Boolean)
    .join('\n')
    .toLowerCase();
}
