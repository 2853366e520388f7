import {
  type FocusEvent,
  type KeyboardEvent,
  memo,
  type ReactNode,
  useEffect,
  useRef,
  useState,
} from 'react';
import { SpawnForm } from '../clients/SpawnForm';
import { Composer } from '../composer/Composer';
import { EchoControls } from '../echo/EchoControls';
import { ScriptForm } from '../output/ScriptForm';
import { ReadOnlyGate } from '../session-files/ReadOnlyGate';
import { AlarmForm } from '../signals/AlarmForm';
import { AlarmStatus } from '../signals/AlarmStatus';
import { KillHint } from '../signals/KillHint';
import { SignalForm } from '../signals/SignalForm';
import { TargetList } from '../signals/TargetList';
import { TracePanel } from '../trace/TracePanel';
import { SECTIONS, type SectionId } from './layout';
import { revealTab, useLayout } from './layout-store';
import { SectionIcon } from './SectionIcon';

interface Section {
  title: string;
  /** One line on what the section demonstrates. */
  hint: string;
  content: ReactNode;
}

const SIDE_SECTIONS: Record<SectionId, Section> = {
  clients: {
    title: 'Clients',
    hint: 'Each client connects, sends its name, and prints what the echo server sent back.',
    content: <SpawnForm />,
  },
  composer: {
    title: 'Composer',
    hint: 'Send your own bytes to the echo server, or to any port on this machine, and read the reply.',
    content: <Composer />,
  },
  echo: {
    title: 'Echo server',
    hint: "accept(), recv(1024), send(b'server got: [...]'), close(): the classic server, in the lab.",
    content: <EchoControls />,
  },
  signals: {
    title: 'Signals',
    hint: 'A handler runs when the signal arrives; the signal log says which signal, when, and from where.',
    content: (
      <>
        <KillHint />
        <SignalForm onSend={() => revealTab('signals')} />
        <TargetList />
      </>
    ),
  },
  alarm: {
    title: 'Alarm',
    hint: 'signal.alarm(n): the kernel sends SIGALRM after n seconds; a new alarm replaces the old.',
    content: (
      <>
        <AlarmForm onArm={() => revealTab('signals')} />
        <AlarmStatus />
      </>
    ),
  },
  script: {
    title: 'Script',
    hint: 'The child writes to its stdout; the lab reads the other end of a pipe or a socket (the Output tab).',
    content: <ScriptForm onRun={() => revealTab('output')} />,
  },
  trace: {
    title: 'Trace',
    hint: 'Runs a program under strace, or attaches to one: its sockets, pipes and signals, seen from inside.',
    content: <TracePanel onTrace={() => revealTab('sequence')} />,
  },
};

/**
 * The lab's controls, one collapsible section each. In a narrow window it is a rail of icons, and a
 * section opens over the timeline until Escape or its icon closes it.
 */
export const SideBar = memo(function SideBar({ narrow }: { narrow: boolean }) {
  const collapsed = useLayout((state) => state.collapsed);
  const toggleSection = useLayout((state) => state.toggleSection);
  const [flyout, setFlyout] = useState<SectionId | null>(null);
  const shown = narrow ? flyout : null;
  const aside = useRef<HTMLElement>(null);

  // An open section closes when the user works elsewhere: a press or the focus outside the side bar.
  useEffect(() => {
    if (shown === null) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!aside.current?.contains(event.target as Node)) setFlyout(null);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [shown]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || shown === null) return;
    event.stopPropagation();
    setFlyout(null);
    // The focus was inside what closes: it goes back to the icon that opened it.
    aside.current?.querySelector<HTMLElement>(`[aria-controls="side-${shown}"]`)?.focus();
  };
  const onBlur = (event: FocusEvent<HTMLElement>) => {
    if (shown !== null && !aside.current?.contains(event.relatedTarget as Node | null)) setFlyout(null);
  };

  return (
    <aside
      ref={aside}
      id="side-bar"
      className={`side-bar ${narrow ? 'narrow' : ''}`}
      aria-label="Lab controls"
      data-testid="side-bar"
      onKeyDown={onKeyDown}
      onBlur={onBlur}
    >
      {narrow && (
        <nav className="side-rail" aria-label="Sections">
          {SECTIONS.map((id) => (
            <button
              key={id}
              type="button"
              className={`rail-button ${shown === id ? 'on' : ''}`}
              aria-label={SIDE_SECTIONS[id].title}
              title={SIDE_SECTIONS[id].title}
              aria-expanded={shown === id}
              aria-controls={`side-${id}`}
              onClick={() => setFlyout(shown === id ? null : id)}
            >
              <SectionIcon section={id} />
            </button>
          ))}
        </nav>
      )}
      <div className={narrow ? 'side-flyout' : 'side-sections'} hidden={narrow && shown === null}>
        {SECTIONS.map((id) => {
          const section = SIDE_SECTIONS[id];
          const open = narrow ? shown === id : !collapsed.includes(id);
          const title = (
            <>
              <SectionIcon section={id} />
              <span>{section.title}</span>
            </>
          );
          return (
            <section
              key={id}
              id={`side-${id}`}
              className="side-section"
              data-section={id}
              aria-labelledby={`side-${id}-title`}
              hidden={narrow && shown !== id}
            >
              <h2 className="side-section-title">
                {narrow ? (
                  <span id={`side-${id}-title`}>{title}</span>
                ) : (
                  <button
                    type="button"
                    id={`side-${id}-title`}
                    aria-expanded={open}
                    aria-controls={`side-${id}-body`}
                    onClick={() => toggleSection(id)}
                  >
                    {title}
                    <span className="chevron" aria-hidden="true" />
                  </button>
                )}
              </h2>
              <div id={`side-${id}-body`} className="side-section-body" hidden={!open}>
                <p className="panel-hint">{section.hint}</p>
                <ReadOnlyGate>{section.content}</ReadOnlyGate>
              </div>
            </section>
          );
        })}
      </div>
    </aside>
  );
});
