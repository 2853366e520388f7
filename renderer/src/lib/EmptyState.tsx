import type { ReactNode } from 'react';

/** What to do to make something appear here; an empty panel should teach, not just sit there. */
export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}
