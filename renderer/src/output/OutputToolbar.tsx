import { type KeyboardEvent, useEffect, useState } from 'react';
import type { OutputView, SearchResults } from './output-view';

interface OutputToolbarProps {
  view: OutputView | null;
  scriptId: number;
}

function resultText(query: string, results: SearchResults | null): string {
  if (query === '' || results === null) return '';
  if (results.count === 0) return 'no matches';
  return results.index < 0 ? `${results.count}+ matches` : `${results.index + 1} of ${results.count}`;
}

/** Search, clear and copy for the output pane. */
export function OutputToolbar({ view, scriptId }: OutputToolbarProps) {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<SearchResults | null>(null);
  const [copied, setCopied] = useState<string | null>(null);

  useEffect(() => view?.onResults(setResults), [view]);
  useEffect(() => {
    if (copied === null) return;
    const timer = setTimeout(() => setCopied(null), 3_000);
    return () => clearTimeout(timer);
  }, [copied]);
  // A new tab starts a new search.
  // biome-ignore lint/correctness/useExhaustiveDependencies: scriptId is the trigger, not an input.
  useEffect(() => {
    setQuery('');
    setResults(null);
  }, [scriptId]);

  const search = (text: string) => {
    setQuery(text);
    if (text === '') setResults(null);
    view?.find(text, 'typing');
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      view?.find(query, event.shiftKey ? 'previous' : 'next');
    } else if (event.key === 'Escape') search('');
  };
  const copy = () => {
    const text = view?.copyText() ?? '';
    navigator.clipboard?.writeText(text).then(
      () => setCopied(`copied ${text.length.toLocaleString()} characters`),
      () => setCopied('the clipboard refused; select the text and press Ctrl+C'),
    );
  };

  return (
    <div className="output-toolbar">
      <input
        type="search"
        className="search"
        data-testid="output-search"
        aria-label="Search the output"
        placeholder="Search output"
        title="Enter: next match · Shift+Enter: previous · Esc: clear"
        value={query}
        onChange={(event) => search(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <span className="muted search-results" data-testid="output-search-results" aria-live="polite">
        {resultText(query, results)}
      </span>
      <span className="spacer" />
      {copied && (
        <span className="muted" role="status">
          {copied}
        </span>
      )}
      <button
        type="button"
        className="small"
        onClick={copy}
        disabled={!view}
        aria-label="Copy the output (or the selection)"
      >
        Copy
      </button>
      <button
        type="button"
        className="small"
        onClick={() => view?.clear()}
        disabled={!view}
        aria-label="Clear the output shown"
      >
        Clear
      </button>
    </div>
  );
}
