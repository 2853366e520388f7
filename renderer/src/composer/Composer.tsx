import { type FormEvent, type KeyboardEvent, useEffect, useMemo, useState } from 'react';
import {
  type ComposedMessage,
  DEFAULT_COMPOSE_TIMEOUT_MS,
  MAX_COMPOSE_TIMEOUT_MS,
  type MessageFormat,
  MIN_COMPOSE_TIMEOUT_MS,
  parseMessage,
  parseTarget,
} from '../../../contract/compose';
import { plural } from '../lib/format';
import { useStoredMessages } from '../lib/stored-messages';
import { openKeptConnection } from '../store/composer-slice';
import { useLab, useLabStore } from '../store/use-lab';
import { ComposerTranscript } from './ComposerTranscript';
import { MessageError } from './MessageError';
import { SavedMessages } from './SavedMessages';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * A client driven by hand: type bytes as text or hex, send them once (connect, send, recv, close) or keep
 * a connection open and send on it, and see exactly what comes back.
 */
export function Composer() {
  const store = useLabStore();
  const [text, setText] = useState('');
  const [format, setFormat] = useState<MessageFormat>('text');
  const [target, setTarget] = useState('');
  const [timeoutSeconds, setTimeoutSeconds] = useState(String(DEFAULT_COMPOSE_TIMEOUT_MS / 1_000));
  const history = useStoredMessages((state) => state.history);
  // Where up and down are in the history; history.length means the message being written.
  const [recall, setRecall] = useState<number | null>(null);
  const [shown, setShown] = useState<number | null>(null);
  // The connection this page just opened, until its events say so (a frame later).
  const [opened, setOpened] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const parsed = useMemo(() => parseMessage(text, format), [text, format]);
  const targetCheck = parseTarget(target);
  const timeoutMs = Math.round(Number(timeoutSeconds) * 1_000);
  const timeoutValid =
    Number.isFinite(timeoutMs) && timeoutMs >= MIN_COMPOSE_TIMEOUT_MS && timeoutMs <= MAX_COMPOSE_TIMEOUT_MS;
  const kept = useLab((state) => {
    const open = openKeptConnection(state.composers);
    if (open !== null || opened === null) return open;
    return state.composers.get(opened)?.closedAt != null ? null : opened;
  });
  const keptOpen = kept !== null;
  // Once the events have it, they are the one source: a stale id must not outlive a replay or a restart.
  const openedSeen = useLab((state) => opened !== null && state.composers.has(opened));
  useEffect(() => {
    if (openedSeen) setOpened(null);
  }, [openedSeen]);
  // A connection still open from before a reload is shown, and stays shown once it closes.
  useEffect(() => {
    if (kept !== null) setShown((before) => before ?? kept);
  }, [kept]);
  const labAddress = useLab((state) =>
    state.echo?.listening ? `${state.echo.host}:${state.echo.port}` : null,
  );

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  const send = (event?: FormEvent) => {
    event?.preventDefault();
    if (!parsed.ok || busy) return;
    // Remembered even when the send fails: a refused message is worth sending again once the server is up.
    useStoredMessages.getState().remember({ text, format });
    setRecall(null);
    void run(async () => {
      const request = keptOpen
        ? { message: text, format, connection: kept as number }
        : { message: text, format, target: target.trim() || undefined, timeoutMs };
      const { composerId } = await store.getState().composerSend(request);
      setShown(composerId);
    });
  };

  const toggleKeep = () =>
    void run(async () => {
      if (keptOpen) {
        await store.getState().composerClose(kept as number);
        return;
      }
      const { composerId } = await store
        .getState()
        .composerOpen({ target: target.trim() || undefined, timeoutMs });
      setOpened(composerId);
      setShown(composerId);
    });

  const browseHistory = (event: KeyboardEvent<HTMLInputElement>) => {
    if ((event.key !== 'ArrowUp' && event.key !== 'ArrowDown') || history.length === 0) return;
    event.preventDefault();
    const at = recall ?? history.length;
    const next = Math.min(history.length, Math.max(0, at + (event.key === 'ArrowUp' ? -1 : 1)));
    setRecall(next);
    const item = history[next];
    setText(item ? item.text : '');
    if (item) setFormat(item.format);
  };

  const load = (message: ComposedMessage) => {
    setText(message.text);
    setFormat(message.format);
    setRecall(null);
  };

  const connectBlocked = !targetCheck.ok || !timeoutValid || (target.trim() === '' && labAddress === null);

  return (
    <section className="composer" aria-label="Compose a message">
      <h3>Your own client</h3>
      <form className="controls composer-form" onSubmit={send}>
        <label className="grow">
          Message
          <input
            data-testid="compose-text"
            value={text}
            spellCheck={false}
            autoComplete="off"
            placeholder={format === 'hex' ? 'ff 00 0a' : "hello\\n, it's, \\xff"}
            aria-invalid={!parsed.ok}
            aria-describedby="compose-message-help"
            onChange={(event) => {
              setText(event.target.value);
              setRecall(null);
              setError(null);
            }}
            onKeyDown={browseHistory}
          />
        </label>
        <label>
          As
          <select
            data-testid="compose-format"
            value={format}
            onChange={(event) => setFormat(event.target.value as MessageFormat)}
          >
            <option value="text">text</option>
            <option value="hex">hex</option>
          </select>
        </label>
        <label>
          To (empty: the lab)
          <input
            data-testid="compose-target"
            value={target}
            disabled={keptOpen}
            spellCheck={false}
            placeholder={labAddress ?? 'host:port'}
            title="host:port on this machine; empty sends to the lab's echo server"
            aria-invalid={!targetCheck.ok}
            onChange={(event) => {
              setTarget(event.target.value);
              setError(null);
            }}
          />
        </label>
        <label>
          Timeout (s)
          <input
            type="number"
            data-testid="compose-timeout"
            min={MIN_COMPOSE_TIMEOUT_MS / 1_000}
            max={MAX_COMPOSE_TIMEOUT_MS / 1_000}
            step="0.1"
            value={timeoutSeconds}
            aria-invalid={!timeoutValid}
            onChange={(event) => setTimeoutSeconds(event.target.value)}
          />
        </label>
        <button
          data-testid="compose-send"
          type="submit"
          disabled={busy || !parsed.ok || (!keptOpen && connectBlocked)}
          title={keptOpen ? 'Send on the open connection' : 'Connect, send, read the reply, close'}
        >
          {keptOpen ? 'Send on connection' : 'Send once'}
        </button>
        <button
          data-testid="compose-keep"
          type="button"
          className="secondary"
          aria-pressed={keptOpen}
          disabled={busy || (!keptOpen && connectBlocked)}
          onClick={toggleKeep}
        >
          {keptOpen ? 'Close connection' : 'Keep a connection open'}
        </button>
      </form>
      <p id="compose-message-help" className="muted composer-help">
        {parsed.ok
          ? `${plural(parsed.bytes.length, 'byte')}. Text takes \\n \\t \\r \\0 \\\\ and \\xNN; up and down recall what you sent.`
          : null}
      </p>
      {!parsed.ok && <MessageError text={text} parsed={parsed} />}
      {!targetCheck.ok && <p className="warn-text">{targetCheck.error}</p>}
      {!timeoutValid && (
        <p className="warn-text">
          The timeout must be from {MIN_COMPOSE_TIMEOUT_MS / 1_000} to {MAX_COMPOSE_TIMEOUT_MS / 1_000} s.
        </p>
      )}
      {error && (
        <p className="composer-error warn-text" role="alert" data-testid="compose-error">
          {error}
        </p>
      )}
      {shown !== null && <ComposerTranscript composerId={shown} />}
      <SavedMessages current={{ text, format }} canSave={parsed.ok && text !== ''} onLoad={load} />
    </section>
  );
}
