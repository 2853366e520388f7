import { type FormEvent, useState } from 'react';
import type { ComposedMessage } from '../../../contract/compose';
import { useStoredMessages } from '../lib/stored-messages';

interface SavedMessagesProps {
  current: ComposedMessage;
  canSave: boolean;
  onLoad(message: ComposedMessage): void;
}

/** Messages saved by name, kept in this browser, to send again; an export carries them. */
export function SavedMessages({ current, canSave, onLoad }: SavedMessagesProps) {
  const saved = useStoredMessages((state) => state.saved);
  const { save: saveAs, forget } = useStoredMessages.getState();
  const [name, setName] = useState('');
  const save = (event: FormEvent) => {
    event.preventDefault();
    if (!canSave || name.trim() === '') return;
    saveAs({ name: name.trim(), ...current });
    setName('');
  };
  return (
    <div className="composer-saved">
      <form className="controls" onSubmit={save}>
        <label className="grow">
          Save as
          <input
            data-testid="compose-save-name"
            value={name}
            maxLength={80}
            placeholder="a name, e.g. two bytes"
            onChange={(event) => setName(event.target.value)}
          />
        </label>
        <button
          type="submit"
          className="secondary"
          data-testid="compose-save"
          disabled={!canSave || name.trim() === ''}
        >
          Save message
        </button>
      </form>
      {saved.length > 0 && (
        <ul className="composer-saved-list" aria-label="Saved messages">
          {saved.map((message) => (
            <li key={message.name} data-testid="compose-saved">
              <button
                type="button"
                className="secondary"
                title={`${message.format}: ${message.text}`}
                onClick={() => onLoad(message)}
              >
                {message.name}
              </button>
              <button
                type="button"
                className="small"
                aria-label={`Forget ${message.name}`}
                onClick={() => forget(message.name)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
