import { useEffect, useRef } from 'react';
import { formatDate, formatMonth } from '../../format/dates';

/** One session of the chosen month, for the list under the monthly chart. */
export interface MonthNoteRow {
  sessionId: string;
  date: string;
  clientCode: string;
  noteId: string | null;
  ruptures: number;
  status: string;
}

/**
 * The sessions of one month across the caseload, each date a button opening its note. Its heading
 * takes focus when a month is chosen, so the keyboard and a screen reader are taken to the list
 * (it opens below the chart, past the rest of the monthly table); back from a note opened here
 * (`returnTo`), that note's date does, as the clinician left it.
 */
export function MonthNotes({
  month,
  rows,
  returnTo = null,
  onOpenNote,
  onClose,
}: {
  month: string;
  rows: readonly MonthNoteRow[];
  /** The note opened from this list before the page was left for it. */
  returnTo?: string | null;
  onOpenNote: (noteId: string) => void;
  onClose: () => void;
}) {
  const heading = `Sessions in ${formatMonth(month)}`;
  const headingRef = useRef<HTMLHeadingElement>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  const returned = useRef(returnTo);
  // biome-ignore lint/correctness/useExhaustiveDependencies: again for each month chosen.
  useEffect(() => {
    const noteId = returned.current;
    returned.current = null;
    const opened = noteId
      ? tableRef.current?.querySelector<HTMLElement>(`button[data-note-id="${CSS.escape(noteId)}"]`)
      : null;
    (opened ?? headingRef.current)?.focus();
  }, [month]);
  return (
    <section className="month-notes card" aria-label={heading}>
      <div className="chart-head">
        <h3 ref={headingRef} tabIndex={-1}>
          {heading}
        </h3>
        <button type="button" className="secondary" onClick={onClose}>
          Close month
        </button>
      </div>
      {rows.length === 0 ? (
        <p className="muted">No sessions in this month within the range.</p>
      ) : (
        <div className="chart-table">
          <table className="list chart-data" ref={tableRef}>
            <thead>
              <tr>
                <th scope="col">Session date</th>
                <th scope="col">Client</th>
                <th scope="col">Note</th>
                <th scope="col">Ruptures</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.sessionId}>
                  <th scope="row">
                    {r.noteId ? (
                      <button
                        type="button"
                        className="link"
                        data-note-id={r.noteId}
                        onClick={() => r.noteId && onOpenNote(r.noteId)}
                      >
                        {formatDate(r.date)}
                      </button>
                    ) : (
                      formatDate(r.date)
                    )}
                  </th>
                  <td>{r.clientCode}</td>
                  <td>{r.status}</td>
                  <td>{r.ruptures}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
