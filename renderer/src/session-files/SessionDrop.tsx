import { useEffect, useState } from 'react';
import { useActions } from '../lib/actions';

const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;

/** Dropping a session file anywhere on the window imports it; an outline says it will. */
export function SessionDrop() {
  const actions = useActions();
  const [over, setOver] = useState(false);
  useEffect(() => {
    let depth = 0;
    const enter = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      depth += 1;
      setOver(true);
    };
    const leave = () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const overWindow = (event: DragEvent) => {
      if (hasFiles(event)) event.preventDefault(); // allows the drop
    };
    const drop = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      depth = 0;
      setOver(false);
      const file = event.dataTransfer?.files[0];
      if (file) actions.importFile(file);
    };
    const listening = new AbortController();
    const { signal } = listening;
    window.addEventListener('dragenter', enter, { signal });
    window.addEventListener('dragleave', leave, { signal });
    window.addEventListener('dragover', overWindow, { signal });
    window.addEventListener('drop', drop, { signal });
    return () => listening.abort();
  }, [actions]);
  return over ? (
    <div className="session-drop" aria-hidden="true">
      <p>Drop a session file (.ndjson) to view it, read-only</p>
    </div>
  ) : null;
}
