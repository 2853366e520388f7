import type { ReactNode } from 'react';

interface PanelProps {
  title: string;
  /** One line on what the panel demonstrates. */
  hint?: ReactNode;
  className?: string;
  children: ReactNode;
}

export function Panel({ title, hint, className, children }: PanelProps) {
  const id = `panel-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <section className={`panel ${className ?? ''}`} aria-labelledby={id}>
      <header className="panel-header">
        <h2 id={id}>{title}</h2>
        {hint && <p className="panel-hint">{hint}</p>}
      </header>
      {children}
    </section>
  );
}
