import { useEffect, useRef } from 'react';
import { useLab } from '../store/use-lab';
import { SHORTCUTS } from './shortcuts';

/** The list of keyboard shortcuts, opened with ? or the header's button. */
export function ShortcutHelp() {
  const open = useLab((state) => state.helpOpen);
  const setOpen = useLab((state) => state.setHelpOpen);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  return (
    <dialog
      ref={dialog}
      className="help"
      aria-labelledby="help-title"
      data-testid="shortcut-help"
      onClose={() => setOpen(false)}
    >
      <h2 id="help-title">Keyboard shortcuts</h2>
      <p className="muted">They work anywhere except while typing in a field.</p>
      <dl className="shortcut-list">
        {SHORTCUTS.map((shortcut) => (
          <div key={shortcut.action}>
            <dt>
              {shortcut.keys.map((key) => (
                <kbd key={key}>{key}</kbd>
              ))}
            </dt>
            <dd>{shortcut.text}</dd>
          </div>
        ))}
      </dl>
      <form method="dialog">
        <button type="submit">Close</button>
      </form>
    </dialog>
  );
}
