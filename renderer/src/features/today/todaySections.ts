import type { Client } from '../../../../shared/domain/clientSchema';
import {
  DEFAULT_DRAFT_REMINDER_DAYS,
  DEFAULT_LATE_ENTRY_AFTER_HOURS,
  type LateEntry,
  lateEntry,
  noteOverdue,
} from '../../../../shared/domain/lateEntry';
import type { Session } from '../../../../shared/domain/sessionSchema';
import { urgentMeasureFlagKinds } from '../../../../shared/measures/measureFlags';
import type { Measure } from '../../../../shared/measures/measureSchema';
import { urgentLatest } from '../../../../shared/measures/measureSeries';
import type { NoteSummary } from '../../../../shared/summaries/noteSummary';
import { RECENT_SIGNED_DAYS, UNSIGNED_WINDOW_DAYS } from '../../../../shared/summaries/todaySlice';

const DAY = 24 * 60 * 60 * 1000;

/** How many recently signed notes Today shows. */
export const RECENT_SIGNED_LIMIT = 8;
/** How many upcoming sessions Today lists. */
export const UPCOMING_LIMIT = 8;

/** One row of Today: a session (with its note, if any) of a client. */
export interface TodayRow {
  session: Session;
  note: NoteSummary | undefined;
  client: Client | undefined;
  /** What the row is about, in words, when the section needs more than the session (a measure's flag). */
  detail?: string;
  /** Unsigned past the draft reminder limit (Settings): shown as overdue. */
  overdue?: boolean;
  /** Signed past the late-entry limit (Settings): when, for its label. */
  late?: LateEntry | null;
}

/** The user's limits Today marks rows by (Settings' lateEntryAfterHours and draftReminderDays). */
export interface NoteLimits {
  lateEntryAfterHours: number;
  draftReminderDays: number;
}

const defaultLimits: NoteLimits = {
  lateEntryAfterHours: DEFAULT_LATE_ENTRY_AFTER_HOURS,
  draftReminderDays: DEFAULT_DRAFT_REMINDER_DAYS,
};

/** One section of Today; later features (plan reviews, risk follow-ups) add sections of their own. */
export interface TodaySection {
  id: string;
  title: string;
  /** Said once, under the title, when the section has no rows. */
  empty: string;
  rows: TodayRow[];
  /** How many rows the section has in all, when only the first are here yet (Today's slice). */
  total?: number;
  /** How many of its rows are overdue (notes to finish, older notes to finish). */
  overdue?: number;
}

/** What Today is computed from: the renderer's index, and the time (injected, so tests fix it). */
export interface TodaySource {
  clients: ReadonlyMap<string, Client>;
  sessions: Iterable<Session>;
  notes: Iterable<NoteSummary>;
  now: Date;
  /**
   * Only Today's slice is in: the sessions before the window without a signed note (a draft or
   * none, cancelled ones without a note left out), in all; the slice has the oldest of them.
   */
  olderUnfinished?: number | undefined;
}

/**
 * Today's sections from the index, in one pass over sessions and notes (10,000 of each in a few
 * milliseconds): sessions of the last two weeks without a signed note, oldest first (the most
 * overdue on top); older sessions without a signed note, a draft or no note at all, oldest first
 * (the note forgotten longest is the one most overdue, never hidden); notes signed in the last
 * week, newest first; sessions still to come, soonest first, with their note if one was started
 * ahead. Cancelled sessions without a note need none and are left out, upcoming ones too. Unsigned
 * rows past the user's draft reminder limit are marked overdue, signed rows past the late-entry
 * limit carry their late entry.
 */
export function todaySections(
  { clients, sessions, notes, now, olderUnfinished }: TodaySource,
  limits: NoteLimits = defaultLimits,
): TodaySection[] {
  const nowMs = now.getTime();
  const noteBySession = new Map<string, NoteSummary>();
  for (const note of notes) noteBySession.set(note.sessionId, note);
  const unsigned: TodayRow[] = [];
  const older: TodayRow[] = [];
  const signed: TodayRow[] = [];
  const upcoming: TodayRow[] = [];
  for (const session of sessions) {
    const at = Date.parse(session.startsAt);
    const note = noteBySession.get(session.id);
    const row: TodayRow = { session, note, client: clients.get(session.clientId) };
    // A cancelled session without a note needs none, and one to come will not take place.
    if (session.attendance === 'cancelled' && !note) continue;
    // A session to come is upcoming whether or not its note was started (its row carries the note).
    if (at > nowMs) {
      upcoming.push(row);
      continue;
    }
    if (note?.status === 'signed') {
      if (note.signedAt && nowMs - Date.parse(note.signedAt) <= RECENT_SIGNED_DAYS * DAY) {
        row.late = lateEntry(session.startsAt, note.signedAt, limits.lateEntryAfterHours);
        signed.push(row);
      }
      continue;
    }
    // Every past session still unsigned can be overdue; the limit is at most the window's 14 days.
    row.overdue = noteOverdue(session.startsAt, now, limits.draftReminderDays);
    if (nowMs - at <= UNSIGNED_WINDOW_DAYS * DAY) unsigned.push(row);
    else older.push(row);
  }
  const byStart = (a: TodayRow, b: TodayRow) => compare(a.session.startsAt, b.session.startsAt);
  const bySigned = (a: TodayRow, b: TodayRow) => compare(b.note?.signedAt ?? '', a.note?.signedAt ?? '');
  return [
    {
      id: 'unsigned',
      title: 'Notes to finish',
      empty: 'Sessions of the last two weeks without a signed note appear here, oldest first.',
      rows: unsigned.sort(byStart),
      overdue: unsigned.filter((r) => r.overdue).length,
    },
    // Id 'drafts' kept from when this section held only drafts: TodayPage and its tests key on it.
    olderSection(older.sort(byStart), olderUnfinished),
    {
      id: 'signed',
      title: 'Recently signed',
      empty: 'Notes you sign appear here for a week.',
      rows: signed.sort(bySigned).slice(0, RECENT_SIGNED_LIMIT),
    },
    {
      id: 'upcoming',
      title: 'Upcoming sessions',
      empty: 'Sessions you enter ahead of time appear here.',
      rows: upcoming.sort(byStart).slice(0, UPCOMING_LIMIT),
    },
  ];
}

/**
 * "Older notes to finish": sessions before the window still without a signed note, every one
 * overdue (older than the window's 14 days, the draft reminder limit's maximum). From the slice,
 * `olderUnfinished` counts them all though only the oldest are here: those not here count as overdue.
 */
function olderSection(rows: TodayRow[], olderUnfinished: number | undefined): TodaySection {
  const overdue = rows.filter((r) => r.overdue).length;
  return {
    id: 'drafts',
    title: 'Older notes to finish',
    empty: 'Sessions more than two weeks old without a signed note appear here.',
    rows,
    ...(olderUnfinished === undefined
      ? { overdue }
      : { total: olderUnfinished, overdue: overdue + Math.max(0, olderUnfinished - rows.length) }),
  };
}

/**
 * Outcome measures to follow up: per client, the latest administration of each instrument whose
 * flags need it (PHQ-9 item 9 above 0, a reliable deterioration), most recent first, each row
 * the measure's session with the flags in words.
 */
export function measureFollowUpSection(
  measures: readonly Measure[],
  { clients, sessions, notes }: Pick<TodaySource, 'clients' | 'sessions' | 'notes'>,
): TodaySection {
  const byClient = new Map<string, Measure[]>();
  for (const m of measures) byClient.set(m.clientId, [...(byClient.get(m.clientId) ?? []), m]);
  const sessionById = new Map<string, Session>();
  for (const s of sessions) sessionById.set(s.id, s);
  const noteBySession = new Map<string, NoteSummary>();
  for (const n of notes) noteBySession.set(n.sessionId, n);
  const rows: TodayRow[] = [];
  for (const [clientId, list] of byClient) {
    for (const point of urgentLatest(list)) {
      const session = sessionById.get(point.measure.sessionId);
      if (!session) continue; // its session has not arrived yet
      const detail = point.flags
        .filter((f) => urgentMeasureFlagKinds.includes(f.kind))
        .map((f) => f.message)
        .join(' ');
      rows.push({ session, note: noteBySession.get(session.id), client: clients.get(clientId), detail });
    }
  }
  return {
    id: 'measures',
    title: 'Measures to follow up',
    empty: 'A PHQ-9 item 9 answered above “Not at all”, or a reliable deterioration, appears here.',
    rows: rows.sort((a, b) => compare(b.session.startsAt, a.session.startsAt)),
  };
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
