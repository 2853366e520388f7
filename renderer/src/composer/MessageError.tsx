import type { ParsedMessage } from '../../../contract/compose';

/** Where the message goes wrong: the text with the bad part marked, and why. */
export function MessageError({
  text,
  parsed,
}: {
  text: string;
  parsed: Extract<ParsedMessage, { ok: false }>;
}) {
  const end = parsed.at + parsed.length;
  return (
    <p className="composer-message-error warn-text" data-testid="compose-message-error" role="alert">
      {parsed.length > 0 && (
        <code className="composer-marked">
          {text.slice(Math.max(0, parsed.at - 24), parsed.at)}
          <mark data-testid="compose-error-mark" data-at={parsed.at}>
            {text.slice(parsed.at, end)}
          </mark>
          {text.slice(end, end + 24)}
        </code>
      )}{' '}
      {parsed.error}. Nothing was sent.
    </p>
  );
}
