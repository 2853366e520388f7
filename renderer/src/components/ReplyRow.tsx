import { useLab } from '../store/use-lab';

/** One client's answer, exactly as it printed it. */
export function ReplyRow({ clientId }: { clientId: string }) {
  const client = useLab((state) => state.clients.get(clientId));
  if (!client?.reply) return null;
  return (
    <li className="reply-row" data-testid="reply-row">
      <code className="reply-line">{client.reply}</code>
      <span className="reply-meta">
        {' '}
        {client.mode} · pid {client.pid}
        {client.thread !== null ? ` · thread ${client.thread}` : ''} · {client.clientId}
      </span>
    </li>
  );
}
