import { useMemo } from 'react';
import { exitText, formatBytes } from '../lib/format';
import { stripAnsi } from '../lib/strip-ansi';
import type { Script, Segment } from '../store/scripts-slice';

// Only the newest segment changes between batches; the others keep their identity and their stripped text.
const stripped = new WeakMap<Segment, string>();

function plainText(segment: Segment): string {
  let text = stripped.get(segment);
  if (text === undefined) {
    text = stripAnsi(segment.text);
    stripped.set(segment, text);
  }
  return text;
}

/** A script's output as text, stderr set apart, ending with how it exited. */
export function OutputPane({ script }: { script: Script }) {
  const segments = useMemo(
    () => script.segments.map((segment) => ({ stream: segment.stream, text: plainText(segment) })),
    [script.segments],
  );
  const dropped = script.dropped.stdout + script.dropped.stderr;
  const lastText = segments.at(-1)?.text ?? '';
  const needsNewline = lastText !== '' && !lastText.endsWith('\n');

  return (
    <pre className="output-pane" data-testid="output-pane">
      {dropped > 0 && (
        <span className="note">
          … the lab dropped {formatBytes(dropped)} past its limit of {formatBytes(script.dropLimit ?? 0)} per
          script
          {'\n'}
        </span>
      )}
      {script.trimmedChars > 0 && (
        <span className="note">
          … {script.trimmedChars.toLocaleString()} older characters are not kept here{'\n'}
        </span>
      )}
      {segments.map((segment, index) => (
        // Segments only grow at the end or fall off the front, so index keys are stable enough here.
        // biome-ignore lint/suspicious/noArrayIndexKey: segments have no identity of their own.
        <span key={index} className={`stream-${segment.stream}`}>
          {segment.text}
        </span>
      ))}
      {needsNewline && '\n'}
      {script.error && (
        <span className="stream-stderr">
          could not run: {script.error}
          {'\n'}
        </span>
      )}
      {script.exit ? (
        <span className="note exit">{exitText(script.exit)}</span>
      ) : (
        !script.error && <span className="note">running…</span>
      )}
    </pre>
  );
}
