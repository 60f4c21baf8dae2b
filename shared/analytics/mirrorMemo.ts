import type { NoteSummary } from '../summaries/noteSummary';
import { rememberLast } from './memoizedMetrics';
import {
  type CaseloadMirror,
  type ClientMirror,
  caseloadMirror,
  clientMirror,
  type MirrorOptions,
} from './mirror';
import type { AnalyticsSession } from './notesBySession';
import { outcomeScaleTotals } from './outcomeScaleTotals';

type PlainOptions = Omit<MirrorOptions, 'outcomeTotals'>;
// The outcome totals ride as their own argument: remembered by identity like the summaries (as an
// option they would be keyed by their JSON, and every Map's JSON is "{}").
const clientMirrorOf = rememberLast(
  (
    clientId: string,
    sessions: Iterable<AnalyticsSession>,
    notes: Iterable<NoteSummary>,
    outcomeTotals: ReadonlyMap<string, number> | undefined,
    options: PlainOptions,
  ) => clientMirror(clientId, sessions, notes, { ...options, outcomeTotals }),
  8,
);
const caseloadMirrorOf = rememberLast(
  (
    sessions: Iterable<AnalyticsSession>,
    notes: Iterable<NoteSummary>,
    outcomeTotals: ReadonlyMap<string, number> | undefined,
    options: PlainOptions,
  ) => caseloadMirror(sessions, notes, { ...options, outcomeTotals }),
);

/**
 * `outcomeScaleTotals`, remembered over the same measures (the index's list, the same array until
 * a measure changes): the mirrors are remembered by their totals' identity, so totals computed
 * afresh at each visit of a page would compute the whole mirror again too.
 */
export const rememberedOutcomeScaleTotals: typeof outcomeScaleTotals = rememberLast(outcomeScaleTotals, 8);

/** `clientMirror`, remembered over the same client, summaries, outcome totals and options. */
export function rememberedClientMirror(
  clientId: string,
  sessions: Iterable<AnalyticsSession>,
  notes: Iterable<NoteSummary>,
  { outcomeTotals, ...options }: MirrorOptions = {},
): ClientMirror {
  return clientMirrorOf(clientId, sessions, notes, outcomeTotals, options);
}

/** `caseloadMirror`, remembered over the same summaries, outcome totals and options. */
export function rememberedCaseloadMirror(
  sessions: Iterable<AnalyticsSession>,
  notes: Iterable<NoteSummary>,
  { outcomeTotals, ...options }: MirrorOptions = {},
): CaseloadMirror {
  return caseloadMirrorOf(sessions, notes, outcomeTotals, options);
}
