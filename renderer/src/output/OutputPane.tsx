import { useRef } from 'react';
import { useLabStore } from '../store/use-lab';
import { OutputToolbar } from './OutputToolbar';
import { useOutputView } from './use-output-view';

/**
 * A script's output in a real terminal (ANSI colours, stderr in red), plus a plain-text mirror in the DOM
 * that screen readers, find-in-page and tests read. Both are written from a store subscription, not React.
 */
export function OutputPane({ scriptId }: { scriptId: number }) {
  const store = useLabStore();
  const host = useRef<HTMLDivElement>(null);
  const mirror = useRef<HTMLDivElement>(null);
  const view = useOutputView(host, mirror, store, scriptId);
  return (
    <>
      <OutputToolbar view={view} scriptId={scriptId} />
      <div
        className="output-pane"
        data-testid="output-pane"
        id="output-panel"
        role="tabpanel"
        aria-labelledby={`output-tab-${scriptId}`}
      >
        <div className="terminal-host" ref={host} aria-hidden="true" />
        <div className="visually-hidden" ref={mirror} role="log" aria-label="Output as plain text" />
      </div>
    </>
  );
}
