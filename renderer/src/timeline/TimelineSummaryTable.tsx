import type { TimelineSummary } from './summary';

/**
 * The canvas in words, for screen readers and tests: counts, the newest connections and the newest
 * signal and alarm marks. Bounded, however long the session.
 */
export function TimelineSummaryTable({ id, summary }: { id: string; summary: TimelineSummary }) {
  return (
    <div className="visually-hidden" data-testid="timeline-summary">
      <p id={id}>
        {summary.connections} connections in {summary.groups} groups;{' '}
        <span data-testid="timeline-traced">{summary.traced}</span> lanes of traced programs; {summary.marks}{' '}
        signal and alarm marks; {summary.events} events kept
        {summary.evicted > 0 && `, ${summary.evicted} older ones evicted (limit ${summary.capacity})`}.
      </p>
      <table data-testid="timeline-summary-lanes">
        <caption>The newest {summary.newestLanes.length} connections</caption>
        <thead>
          <tr>
            <th scope="col">Lane</th>
            <th scope="col">Group</th>
            <th scope="col">Peer</th>
            <th scope="col">Accepted</th>
            <th scope="col">Closed</th>
            <th scope="col">Closed by</th>
            <th scope="col">Bytes</th>
          </tr>
        </thead>
        <tbody>
          {summary.newestLanes.map((lane) => (
            <tr key={lane.id} data-testid="timeline-lane">
              <th scope="row">{lane.label}</th>
              <td>{lane.group}</td>
              <td>{lane.detail}</td>
              <td>{lane.opened}</td>
              <td>{lane.closed}</td>
              <td>{lane.closedBy}</td>
              <td>{lane.bytes}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul aria-label="Newest signal and alarm marks">
        {summary.newestMarks.map((mark) => (
          <li key={mark.index} data-testid="timeline-mark">
            {mark.label} at {mark.time}
          </li>
        ))}
      </ul>
    </div>
  );
}
