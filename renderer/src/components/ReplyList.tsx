import { useLab } from '../store/use-lab';
import { EmptyState } from './EmptyState';
import { ReplyRow } from './ReplyRow';

export function ReplyList() {
  const replyOrder = useLab((state) => state.replyOrder);
  const trimmed = useLab((state) => state.repliesTrimmed);
  if (replyOrder.length === 0) {
    return (
      <EmptyState>
        Spawn 5 clients to see them race to the server. Each reply lands here as it arrives.
      </EmptyState>
    );
  }
  return (
    <>
      {trimmed > 0 && (
        <p className="muted">
          Showing the newest {replyOrder.length.toLocaleString()} replies; {trimmed.toLocaleString()} older
          ones are not shown.
        </p>
      )}
      <ol className="reply-list" aria-label="Client replies, in the order they arrived">
        {replyOrder.map((clientId) => (
          <ReplyRow key={clientId} clientId={clientId} />
        ))}
      </ol>
    </>
  );
}
