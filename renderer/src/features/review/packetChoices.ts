/** The builder's choices, and the packet request they make. */
import { calendarDate } from '../../../../shared/analytics/dateRange';
import type { PacketRequestInput } from '../../../../shared/ipc/contract';
import type { SessionRow } from '../../data/hooks';
import { parseNames } from './reviewFormat';

export type PartId = 'metrics' | 'charts' | 'notes' | 'ruptures';

export interface PacketChoices {
  /** yyyy-mm-dd or '' (no bound). */
  from: string;
  to: string;
  /** Sessions the user unticked. */
  excluded: ReadonlySet<string>;
  parts: readonly PartId[];
  /** Psychotherapy process notes: a separate, explicit choice, off by default. */
  processNotes: boolean;
  /** Diagnosis codes: an explicit choice, off by default. */
  diagnoses: boolean;
  /** Other names to remove, one per line. */
  names: string;
  shiftDates: boolean;
}

export const defaultChoices: PacketChoices = {
  from: '',
  to: '',
  excluded: new Set(),
  parts: ['metrics', 'charts', 'notes', 'ruptures'],
  processNotes: false,
  diagnoses: false,
  names: '',
  shiftDates: true,
};

/** Sessions whose local date (as the list shows them) is within the chosen dates, as main picks them. */
export function rowsInDates(rows: readonly SessionRow[], from: string, to: string): SessionRow[] {
  return rows.filter(({ session }) => {
    const date = calendarDate(session.startsAt);
    return (!from || date >= from) && (!to || date <= to);
  });
}

/** A choice to fix before a preview, and which part of the form it is about. */
export interface ChoiceProblem {
  field: 'dates' | 'sessions' | 'parts';
  message: string;
}

/** The request for these choices, or what to fix first. */
export function packetRequest(
  clientId: string,
  choices: PacketChoices,
  inDates: readonly SessionRow[],
): { request: PacketRequestInput } | { problem: ChoiceProblem } {
  if (choices.from && choices.to && choices.from > choices.to) {
    return { problem: { field: 'dates', message: 'The “From” date comes after the “To” date; swap them.' } };
  }
  // No session in the dates: the Sessions group is not shown then, so it is said at the dates.
  if (inDates.length === 0) {
    return {
      problem: {
        field: 'dates',
        message:
          'No session of this client falls in these dates; choose others, or clear them for all sessions.',
      },
    };
  }
  const chosen = inDates.filter((r) => !choices.excluded.has(r.session.id));
  if (chosen.length === 0) {
    return { problem: { field: 'sessions', message: 'Tick at least one session to put in the packet.' } };
  }
  if (choices.parts.length === 0 && !choices.processNotes) {
    return { problem: { field: 'parts', message: 'Tick at least one thing to put in the packet.' } };
  }
  const has = (part: PartId) => choices.parts.includes(part);
  return {
    request: {
      clientId,
      ...(choices.from ? { from: choices.from } : {}),
      ...(choices.to ? { to: choices.to } : {}),
      // Sent only when some were unticked, so a packet of whole dates records its range.
      ...(chosen.length < inDates.length ? { sessionIds: chosen.map((r) => r.session.id) } : {}),
      include: {
        metrics: has('metrics'),
        charts: has('charts'),
        notes: has('notes'),
        ruptures: has('ruptures'),
        processNotes: choices.processNotes,
        diagnoses: choices.diagnoses,
      },
      extraNames: parseNames(choices.names),
      shiftDates: choices.shiftDates,
    },
  };
}
