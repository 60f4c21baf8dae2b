import { useVirtualizer } from '@tanstack/react-virtual';
import { type CSSProperties, type KeyboardEvent, type ReactNode, useRef } from 'react';
import { DEFAULT_LATE_ENTRY_AFTER_HOURS } from '../../../../shared/domain/lateEntry';
import { attendanceLabels, modalityLabels } from '../../../../shared/domain/sessionSchema';
import { LateEntryBadge } from '../../components/LateEntryBadge';
import type { SessionRow } from '../../data/hooks';
import { formatDate, formatDateTime, formatTime } from '../../format/dates';

/** A row's expected height; each drawn row is measured (supervisor comments make rows taller). */
const ROW_HEIGHT = 36;
/** The column headings' row, inside the scrolling box above the rows. */
const HEAD_HEIGHT = 36;

/**
 * Sessions, newest first, with their note status (none / draft / signed), rupture badges and any
 * supervisor comments. Only the rows in view (and a few either side) are in the page, so a
 * therapy of 500 sessions scrolls as smoothly as one of five; the table still tells assistive
 * technology how many rows there are and where each shown row stands (aria-rowcount/rowindex).
 * Tab moves from row to row (the next row is always drawn, and focusing it scrolls it into view);
 * Up and Down move between rows, Home and End jump to the newest and the oldest.
 */
export function SessionTable({
  rows,
  onOpenNote,
  onNewNote,
  onOpenProcessNote,
  onEditSession,
  sessionComments,
  lateEntryAfterHours = DEFAULT_LATE_ENTRY_AFTER_HOURS,
}: {
  /** Newest first. */
  rows: readonly SessionRow[];
  onOpenNote: (noteId: string) => void;
  onNewNote: (sessionId: string) => void;
  /** Opens the session's private process note alone (with or without a progress note). */
  onOpenProcessNote?: ((sessionId: string) => void) | undefined;
  /** Opens the form that changes a session (offered until its note is signed, which fixes it). */
  onEditSession?: ((sessionId: string) => void) | undefined;
  /** The returned supervisor comments of a session, shown in their own column when given. */
  sessionComments?: ((row: SessionRow) => ReactNode) | undefined;
  /** The late-entry limit from Settings: signed notes past it are labelled "Late entry". */
  lateEntryAfterHours?: number;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => rows[index]!.session.id,
    overscan: 6,
    paddingStart: HEAD_HEIGHT,
    scrollPaddingStart: HEAD_HEIGHT,
    // The first frame already shows rows, before the box has been measured.
    initialRect: { width: 960, height: 640 },
  });
  const items = virtualizer.getVirtualItems();
  const before = Math.max(0, (items[0]?.start ?? HEAD_HEIGHT) - HEAD_HEIGHT);
  const after = Math.max(0, virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? HEAD_HEIGHT));

  function focusRow(index: number) {
    virtualizer.scrollToIndex(index, { align: 'auto' });
    // The row may be drawn only after the scroll: look for it on the next frames.
    let tries = 0;
    const attempt = () => {
      const button = scroller.current?.querySelector<HTMLButtonElement>(
        `tr[data-index="${index}"] button.row-action`,
      );
      if (button) button.focus();
      else if (++tries < 10) requestAnimationFrame(attempt);
    };
    attempt();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTableSectionElement>) {
    const from = (event.target as HTMLElement).closest('tr')?.dataset.index;
    if (from === undefined || !(event.target as HTMLElement).classList.contains('row-action')) return;
    const at = Number(from);
    const to =
      event.key === 'ArrowDown'
        ? Math.min(rows.length - 1, at + 1)
        : event.key === 'ArrowUp'
          ? Math.max(0, at - 1)
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? rows.length - 1
              : null;
    if (to === null) return;
    event.preventDefault();
    focusRow(to);
  }

  return (
    <div className="session-scroll" ref={scroller}>
      <table
        className={sessionComments ? 'list session-table with-comments' : 'list session-table'}
        aria-rowcount={rows.length + 1}
      >
        <caption className="visually-hidden">Sessions</caption>
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col" className="col-date">
              Date
            </th>
            <th scope="col" className="col-session">
              Session
            </th>
            <th scope="col" className="col-note">
              Note
            </th>
            <th scope="col" className="col-ruptures">
              Ruptures
            </th>
            {sessionComments && <th scope="col">Supervisor comments</th>}
            <th scope="col" className="col-action">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        {/* The rows not drawn keep their height as the body's ::before and ::after (client.css), which no assistive technology reads as rows. */}
        <tbody
          onKeyDown={onKeyDown}
          style={{ '--before': `${before}px`, '--after': `${after}px` } as CSSProperties}
        >
          {items.map((item) => {
            const row = rows[item.index]!;
            return (
              <tr
                key={item.key}
                data-index={item.index}
                ref={virtualizer.measureElement}
                aria-rowindex={item.index + 2}
              >
                <SessionCells
                  row={row}
                  onOpenNote={onOpenNote}
                  onNewNote={onNewNote}
                  onOpenProcessNote={onOpenProcessNote}
                  onEditSession={onEditSession}
                  comments={sessionComments?.(row)}
                  hasComments={sessionComments !== undefined}
                  lateEntryAfterHours={lateEntryAfterHours}
                />
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function SessionCells({
  row,
  onOpenNote,
  onNewNote,
  onOpenProcessNote,
  onEditSession,
  comments,
  hasComments,
  lateEntryAfterHours,
}: {
  row: SessionRow;
  onOpenNote: (noteId: string) => void;
  onNewNote: (sessionId: string) => void;
  onOpenProcessNote: ((sessionId: string) => void) | undefined;
  onEditSession: ((sessionId: string) => void) | undefined;
  comments: ReactNode;
  hasComments: boolean;
  lateEntryAfterHours: number;
}) {
  const { session, note } = row;
  const when = formatDateTime(session.startsAt);
  const date = (
    <>
      {formatDate(session.startsAt)}
      <span className="session-time">, {formatTime(session.startsAt)}</span>
    </>
  );
  const unresolved = note?.ruptures.filter((r) => r.outcome === 'unresolved').length ?? 0;
  return (
    <>
      {/* The time and the session's length and modality give way first in a narrow table (client.css). */}
      <td className="num">
        {/* The date opens the session's form (a booked session called off, a date mistyped), until
            its note is signed, which fixes the session too. In the date's place, so the row keeps
            its one line in a narrow window. */}
        {onEditSession && note?.status !== 'signed' ? (
          <button
            type="button"
            className="link session-date-link"
            onClick={() => onEditSession(session.id)}
            data-edit-session={session.id}
            aria-label={`Edit session of ${when}`}
            title="Edit this session: date, length, modality, attendance"
          >
            {date}
          </button>
        ) : (
          date
        )}
      </td>
      <td className="col-session">
        <span className="session-detail">
          {session.durationMinutes} min · {modalityLabels[session.modality]} ·{' '}
        </span>
        {attendanceLabels[session.attendance]}
      </td>
      <td className="note-cell">
        <span className={`badge ${note?.status ?? 'none'}`}>
          {note ? (note.status === 'signed' ? 'Signed' : 'Draft') : 'No note'}
        </span>{' '}
        <LateEntryBadge
          sessionStartsAt={session.startsAt}
          signedAt={note?.signedAt}
          afterHours={lateEntryAfterHours}
        />
      </td>
      <td>
        {note && note.ruptures.length > 0 ? (
          // Red only while one is unresolved: a repaired rupture is a fact of the work, not an alarm.
          <span className={unresolved > 0 ? 'badge rupture' : 'badge'}>
            {/* One flex item: the badge's gap would otherwise open before the comma. */}
            <span>
              {note.ruptures.length}
              <span className="rupture-word"> {note.ruptures.length === 1 ? 'rupture' : 'ruptures'}</span>
              {unresolved > 0 && `, ${unresolved} unresolved`}
            </span>
          </span>
        ) : (
          '—'
        )}
      </td>
      {hasComments && <td>{comments}</td>}
      <td className="row-actions">
        {note ? (
          <button
            type="button"
            className="secondary row-action"
            onClick={() => onOpenNote(note.id)}
            aria-label={`Open note of ${when}`}
          >
            Open note
          </button>
        ) : (
          <button
            type="button"
            className="row-action"
            onClick={() => onNewNote(session.id)}
            aria-label={`New note for ${when}`}
          >
            New note
          </button>
        )}
        {onOpenProcessNote && (
          // Not a row-action: Up/Down keep moving between the rows' note buttons.
          <button
            type="button"
            className="link process-note-link"
            onClick={() => onOpenProcessNote(session.id)}
            aria-label={`Process note of ${when}`}
          >
            Process note
          </button>
        )}
      </td>
    </>
  );
}
