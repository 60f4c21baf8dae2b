import { PenLine, Plus } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { summarizeNote } from '../../../../shared/summaries/noteSummary';
import { lateEntryText } from '../../components/LateEntryBadge';
import { call, messageOf } from '../../data/api';
import { useClients } from '../../data/hooks';
import { putNoteSummary } from '../../data/summaryIndex';
import { formatAgo, formatDate, formatTime } from '../../format/dates';
import { PlanReviewsDue, usePlanReviewsDue } from '../plan/PlanReviewsDue';
import { NewSessionNote } from './NewSessionNote';
import { RiskFollowUps } from './RiskFollowUps';
import { RowWhen } from './RowWhen';
import { compactDate, fullDateTime } from './rowDates';
import type { TodayRow, TodaySection } from './todaySections';
import { useTodaySections } from './useTodaySections';
import './today.css';

/**
 * What to do next: the notes still to write (oldest first, with how late), other drafts, what was
 * signed lately and the sessions to come, each row one click from its note; and "New session
 * note", which records the session and opens its note in one step. Opens after unlock.
 */
export function TodayPage({
  newNoteFor,
  onOpenNote,
  onOpenProcessNote,
  onOpenClient,
  onNewClient,
}: {
  /** Set when the palette asked for a new session note (for this client, if not null). */
  newNoteFor?: { clientId: string | null } | undefined;
  onOpenNote: (noteId: string, clientId: string) => void;
  /** Opens a session's private process note alone (the session may have no progress note). */
  onOpenProcessNote?: ((sessionId: string, clientId: string) => void) | undefined;
  onOpenClient: (clientId: string) => void;
  /** The one action of a Today without clients. */
  onNewClient: () => void;
}) {
  const { sections, now } = useTodaySections();
  const reviewsDue = usePlanReviewsDue();
  const clients = useClients();
  // Each request (the button, or the palette again while Today is open) is a fresh form: `n` keys it.
  const [starting, setStarting] = useState<{ clientId: string | null; n: number } | null>(null);
  useEffect(() => {
    if (newNoteFor) setStarting((s) => ({ clientId: newNoteFor.clientId, n: (s?.n ?? 0) + 1 }));
  }, [newNoteFor]);
  const [error, setError] = useState<string | null>(null);

  async function write(row: TodayRow) {
    if (row.note) return onOpenNote(row.note.id, row.session.clientId);
    try {
      const note = await call('sessionNotes:open', { sessionId: row.session.id });
      putNoteSummary(summarizeNote(note));
      onOpenNote(note.id, note.clientId);
    } catch (failure) {
      setError(messageOf(failure));
    }
  }

  const processNote =
    onOpenProcessNote && ((row: TodayRow) => onOpenProcessNote(row.session.id, row.session.clientId));
  const [main, ...others] = sections ?? [];
  // The measures to follow up are about risk, as the risk follow-ups are: they come first.
  const measures = others.find((s) => s.id === 'measures');
  const rest = others.filter((s) => s !== measures);
  const nothing = sections?.every((s) => s.rows.length === 0);
  return (
    // Marked once main has answered about plan reviews (due or not), so a reader can tell "none
    // due" from "not asked yet" (the bench and the e2e tests wait on it).
    <main
      className="page today"
      data-plan-reviews={reviewsDue === null ? 'loading' : 'loaded'}
      // For the benchmarks (tests/bench): the sections are computed from the index.
      data-sections={!sections || !main ? 'loading' : 'loaded'}
    >
      <div className="page-head">
        <h1>Today</h1>
        <span className="muted today-date">{formatDate(now)}</span>
        {/* No client, no note to start: the empty state below offers "New client" instead. */}
        {clients?.length !== 0 && (
          <button
            type="button"
            className="today-new"
            onClick={() => setStarting((s) => ({ clientId: null, n: (s?.n ?? 0) + 1 }))}
            disabled={starting !== null}
          >
            <Plus aria-hidden="true" size={16} /> New session note
          </button>
        )}
      </div>
      {starting && (
        <NewSessionNote
          key={starting.n}
          clientId={starting.clientId}
          onStarted={onOpenNote}
          onCancel={() => setStarting(null)}
        />
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <RiskFollowUps
        onOpenNote={onOpenNote}
        onStartNote={(clientId) => setStarting((s) => ({ clientId, n: (s?.n ?? 0) + 1 }))}
        onOpenClient={onOpenClient}
      />
      {!sections || !main ? (
        <p className="muted">Loading sessions and notes…</p>
      ) : nothing ? (
        <div className="today-empty">
          <p>
            {clients?.length === 0
              ? 'Sessions without a signed note, drafts and upcoming sessions will appear here once you have added a client.'
              : 'Sessions without a signed note, drafts, recently signed notes and upcoming sessions will appear here. Start with “New session note”.'}
          </p>
          {clients?.length === 0 && (
            <button type="button" onClick={onNewClient}>
              <Plus aria-hidden="true" size={16} /> New client
            </button>
          )}
        </div>
      ) : (
        // One list in order of urgency, each row one line: two columns of the page's 1,200 px
        // could not hold a row's client, date, lateness, badges and actions on one line.
        <>
          {measures && (
            <Section
              section={measures}
              now={now}
              onWrite={write}
              onProcessNote={processNote}
              onOpenClient={onOpenClient}
            />
          )}
          <Section
            section={main}
            now={now}
            always
            onWrite={write}
            onProcessNote={processNote}
            onOpenClient={onOpenClient}
          />
          <PlanReviewsDue due={reviewsDue} onOpenClient={onOpenClient} />
          {rest.map((section) => (
            <Section
              key={section.id}
              section={section}
              now={now}
              onWrite={write}
              onProcessNote={processNote}
              onOpenClient={onOpenClient}
            />
          ))}
        </>
      )}
      {nothing && <PlanReviewsDue due={reviewsDue} onOpenClient={onOpenClient} />}
    </main>
  );
}

/** How many rows a section after the notes to finish shows before "Show all". */
const FIRST_ROWS = 8;

/** One section of Today; an empty one is left out unless `always` (then it says so, once). */
function Section({
  section,
  now,
  always = false,
  onWrite,
  onProcessNote,
  onOpenClient,
}: {
  section: TodaySection;
  now: Date;
  always?: boolean;
  onWrite: (row: TodayRow) => void;
  onProcessNote: ((row: TodayRow) => void) | undefined;
  onOpenClient: (clientId: string) => void;
}) {
  const [all, setAll] = useState(false);
  const list = useRef<HTMLUListElement>(null);
  /** After "Show all", the first row it showed takes focus (once it is in: the rest may still load). */
  const [focusRow, setFocusRow] = useState<number | null>(null);
  const rowCount = section.rows.length;
  // biome-ignore lint/correctness/useExhaustiveDependencies: tried again as the rest of the rows come in.
  useEffect(() => {
    if (focusRow === null) return;
    const row = list.current?.children[focusRow];
    if (!row) return;
    row.querySelector<HTMLElement>('button')?.focus();
    setFocusRow(null);
  }, [focusRow, rowCount]);
  if (section.rows.length === 0 && !always) return null;
  // Until the whole index is in, Today's slice has only the first rows of a long section.
  const total = section.total ?? section.rows.length;
  const headingId = `today-${section.id}`;
  // The sections after the notes to finish stay short: the first few, and the rest on request.
  const shown = always || all ? section.rows : section.rows.slice(0, FIRST_ROWS);
  return (
    <section className="today-section" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {section.title}
        {total > 0 && <span className="today-count"> {total}</span>}
        {(section.overdue ?? 0) > 0 && (
          <span className="today-overdue-count"> · {section.overdue} overdue</span>
        )}
      </h2>
      {section.rows.length === 0 ? (
        <p className="muted">
          {section.id === 'unsigned'
            ? 'Every session of the last two weeks has a signed note.'
            : section.empty}
        </p>
      ) : (
        <ul className="today-rows" ref={list}>
          {shown.map((row) => (
            <Row
              key={row.session.id}
              row={row}
              sectionId={section.id}
              now={now}
              onWrite={onWrite}
              onProcessNote={onProcessNote}
              onOpenClient={onOpenClient}
            />
          ))}
        </ul>
      )}
      {shown.length < total && (
        <button
          type="button"
          className="link today-more"
          onClick={() => {
            if (all) return;
            setAll(true);
            setFocusRow(shown.length);
          }}
          // Not disabled while the rest loads: a disabled button loses focus to the page.
          aria-disabled={all || undefined}
        >
          {all && shown.length < total ? 'Loading the rest…' : `Show all ${total}`}
        </button>
      )}
    </section>
  );
}

function Row({
  row,
  sectionId,
  now,
  onWrite,
  onProcessNote,
  onOpenClient,
}: {
  row: TodayRow;
  sectionId: string;
  now: Date;
  onWrite: (row: TodayRow) => void;
  onProcessNote: ((row: TodayRow) => void) | undefined;
  onOpenClient: (clientId: string) => void;
}) {
  const code = row.client?.code ?? 'Unknown client';
  const { startsAt } = row.session;
  const signed = row.note?.status === 'signed';
  // How late a note still to finish is: for every unsigned row of the first two sections.
  const late =
    sectionId === 'unsigned' || (sectionId === 'drafts' && row.overdue) ? formatAgo(startsAt, now) : null;
  const overdue = late !== null && row.overdue === true;
  // The note's state where the section's title does not say it: the notes to finish (a draft, or
  // none yet) and a session to come whose note was started ahead.
  const state =
    sectionId === 'unsigned' || sectionId === 'drafts' || (sectionId === 'upcoming' && row.note)
      ? signed
        ? 'Signed'
        : row.note
          ? 'Draft'
          : 'No note'
      : null;
  // A session to come has nothing to write yet, unless its note was started ahead.
  const writable = sectionId !== 'upcoming' || row.note !== undefined;
  const action = signed ? 'Open note' : 'Write note';
  // The row's client and time describe its button: "Write note" is its name in every row.
  const base = `today-row-${row.session.id}`;
  return (
    <li className="today-row">
      <button
        type="button"
        id={`${base}-client`}
        className="link today-client"
        onClick={() => onOpenClient(row.session.clientId)}
      >
        {code}
      </button>
      <RowWhen
        id={`${base}-when`}
        spoken={`${fullDateTime(startsAt)}${late ? `, ${late}${overdue ? ', overdue' : ''}` : ''}`}
      >
        <time dateTime={startsAt}>{compactDate(startsAt, now)}</time>
        <span className="today-time"> {formatTime(startsAt)}</span>
        {late && <span className="today-ago"> · {late}</span>}
      </RowWhen>
      {row.detail && (
        <span className="today-detail" id={`${base}-detail`} title={row.detail}>
          {row.detail}
        </span>
      )}
      {/* Overdue in words and colour (the row's description says it too). */}
      {overdue && (
        <span className="badge late" aria-hidden="true">
          Overdue
        </span>
      )}
      {state && (
        <span className={`badge ${state === 'No note' ? 'none' : state.toLowerCase()}`}>{state}</span>
      )}
      {signed && row.late && <span className="badge late-entry">{lateEntryText(row.late)}</span>}
      {writable && (
        <button
          type="button"
          className="secondary small today-write"
          aria-describedby={`${base}-client ${base}-when`}
          onClick={() => onWrite(row)}
        >
          <PenLine aria-hidden="true" size={14} /> {action}
        </button>
      )}
      {sectionId !== 'upcoming' && onProcessNote && (
        <button
          type="button"
          className="link small today-process"
          aria-describedby={`${base}-client ${base}-when`}
          onClick={() => onProcessNote(row)}
        >
          Process note
        </button>
      )}
    </li>
  );
}
