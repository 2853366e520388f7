import { type KeyboardEvent, memo, type ReactNode, useContext, useMemo, useRef } from 'react';
import { OrderSection } from '../clients/OrderSection';
import { OutputTab } from '../output/OutputTab';
import { ReplyLogPanel } from '../reply-log/ReplyLogPanel';
import { SignalList } from '../signals/SignalList';
import { holdHandle, LabStoreContext } from '../store/use-lab';
import { TABS, type TabId } from './layout';
import { useLayout } from './layout-store';
import { MaximiseButton } from './MaximiseButton';
import { SequencePanel } from './SequencePanel';

interface Tab {
  title: string;
  hint: string;
  content: ReactNode;
}

function tabsFor(live: boolean): Record<TabId, Tab> {
  return {
    log: {
      title: 'Reply log',
      hint: 'One row per client and per outside connection: what it sent, what came back, and how long it took.',
      content: <ReplyLogPanel />,
    },
    output: {
      title: 'Output',
      hint: "The script's stdout and stderr, read from the other end of a pipe or a socket.",
      content: <OutputTab live={live} />,
    },
    signals: {
      title: 'Signal log',
      hint: 'Each delivery: which signal, when, and where it came from.',
      content: <SignalList />,
    },
    sequence: {
      title: 'Sequence',
      hint: 'Who said what to whom in the traced programs: a lifeline per thread, an arrow per message or signal.',
      content: <SequencePanel />,
    },
    orders: {
      title: 'Orders',
      hint: 'Who was accepted, answered and exited first in each run, and how often each client came k-th.',
      content: <OrderSection />,
    },
  };
}

/** A hidden tab reads the store as it was when hidden: the lab's events cost it no render until it shows. */
function HeldWhileHidden({ hidden, children }: { hidden: boolean; children: ReactNode }) {
  const handle = useContext(LabStoreContext);
  const held = useMemo(() => (hidden && handle ? holdHandle(handle) : handle), [hidden, handle]);
  return <LabStoreContext value={held}>{children}</LabStoreContext>;
}

/**
 * The logs under the timeline, one tab each. Every tab stays mounted, so a filter typed or a terminal
 * scrolled is still there when the user comes back.
 */
export const BottomPanel = memo(function BottomPanel({ live }: { live: boolean }) {
  const tab = useLayout((state) => state.tab);
  const showTab = useLayout((state) => state.showTab);
  const tabList = useRef<HTMLDivElement>(null);
  const tabs = tabsFor(live);

  // Arrow keys move between tabs, as in every tab list (WAI-ARIA tabs, automatic activation).
  const onKeyDown = (event: KeyboardEvent) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = TABS[(TABS.indexOf(tab) + step + TABS.length) % TABS.length] ?? tab;
    showTab(next);
    tabList.current?.querySelector<HTMLElement>(`[data-tab="${next}"]`)?.focus();
  };

  return (
    <section id="bottom-panel" className="bottom-panel" aria-label="Logs">
      <div className="bottom-tabs">
        <div role="tablist" aria-label="Logs" ref={tabList} onKeyDown={onKeyDown}>
          {TABS.map((id) => (
            <button
              key={id}
              type="button"
              role="tab"
              id={`tab-${id}`}
              data-tab={id}
              data-testid={`tab-${id}`}
              aria-selected={tab === id}
              aria-controls={`tabpanel-${id}`}
              tabIndex={tab === id ? 0 : -1}
              onClick={() => showTab(id)}
            >
              {tabs[id].title}
            </button>
          ))}
        </div>
        <p className="panel-hint bottom-hint" title={tabs[tab].hint}>
          {tabs[tab].hint}
        </p>
        <MaximiseButton part="bottom" what="the logs" />
      </div>
      {TABS.map((id) => (
        <div
          key={id}
          role="tabpanel"
          id={`tabpanel-${id}`}
          className={`tab-panel area-${id}`}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a tab panel that scrolls takes a Tab stop, so the keyboard can scroll it (WAI-ARIA tabs; axe scrollable-region-focusable)
          tabIndex={0}
          aria-labelledby={`tab-${id}`}
          hidden={tab !== id}
        >
          <HeldWhileHidden hidden={tab !== id}>{tabs[id].content}</HeldWhileHidden>
        </div>
      ))}
    </section>
  );
});
