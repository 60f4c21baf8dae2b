/**
 * The analytics report behind `attune report`: the same `shared/analytics` calls the renderer's
 * charts make, over the same inputs the renderer's index holds (clients, sessions and note
 * summaries — never process notes, never free text), so the numbers match what the app shows.
 */
import { type CaseloadMetrics, caseloadMetrics } from '../../../shared/analytics/caseloadMetrics';
import { type ClientMetrics, clientMetrics } from '../../../shared/analytics/clientMetrics';
import { type DateRange, isIsoDate } from '../../../shared/analytics/dateRange';
import {
  type CaseloadMirror,
  type ClientMirror,
  caseloadMirror,
  clientMirror,
} from '../../../shared/analytics/mirror';
import { outcomeScaleTotals } from '../../../shared/analytics/outcomeScaleTotals';
import { DEFAULT_REPAIR_WINDOW } from '../../../shared/analytics/rollingRepairRate';
import type { Client, ClientStatus } from '../../../shared/domain/clientSchema';
import { DEFAULT_FEEDBACK_CONCERN_LINE } from '../../../shared/domain/feedback';
import type { Note } from '../../../shared/domain/noteSchema';
import type { Session } from '../../../shared/domain/sessionSchema';
import type { Settings } from '../../../shared/domain/settingsSchema';
import { AttuneError } from '../../../shared/errors';
import type { Measure } from '../../../shared/measures/measureSchema';
import { type NoteSummary, summarizeNote } from '../../../shared/summaries/noteSummary';
import type { OpenVault } from '../../vault/OpenVault';
import { kinds } from '../RecordStore';
import { SETTINGS_ID } from '../SettingsService';

/** The part of the vault a report uses: reads, and the audit entry recording that it left. */
export type ReportVault = Pick<OpenVault, 'list' | 'get' | 'getAll' | 'appendAudit'>;

export interface ReportOptions {
  /** One client's report, by code (case ignored, as codes are unique ignoring case). */
  clientCode?: string;
  /** First day included, yyyy-mm-dd (by the session's local date, as in the app). */
  from?: string;
  /** Last day included, yyyy-mm-dd. */
  to?: string;
  /** When sessions are counted (ISO time; now if absent): one moment for the metrics and the mirror. */
  now?: string;
}

/** The range as reported: null for an open end. */
export interface ReportRange {
  from: string | null;
  to: string | null;
}

/** One client's report: the client's code, status and start date (no name), and their metrics. */
export interface ClientReport {
  kind: 'client';
  client: { code: string; status: ClientStatus; startDate: string };
  range: ReportRange;
  metrics: ClientMetrics;
  /** The mirror on the client's page: episodes and outcome, ratings against feedback, participation. */
  mirror: ClientMirror;
}

/** The caseload's report. */
export interface CaseloadReport {
  kind: 'caseload';
  range: ReportRange;
  /** Client records in the vault, active and closed (`metrics.clients` counts those seen in range). */
  clients: number;
  metrics: CaseloadMetrics;
  /** The mirror on the caseload page, with the settings' concern line. */
  mirror: CaseloadMirror;
}

export type Report = ClientReport | CaseloadReport;

/**
 * The rolling repair rate's window the client charts use (`REPAIR_WINDOW` in ClientCharts):
 * keep the two equal, or the CLI and the app disagree.
 */
export const REPORT_REPAIR_WINDOW = DEFAULT_REPAIR_WINDOW;

/** Whether a yyyy-mm-dd string names a real calendar day (not 2025-02-30). */
function isCalendarDate(value: string): boolean {
  if (!isIsoDate(value)) return false;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === value;
}

/** Checks the range ends (dates as yyyy-mm-dd, from ≤ to); 'invalid-input' with a clear message if not. */
export function checkReportRange(options: Pick<ReportOptions, 'from' | 'to'>): ReportRange {
  for (const [flag, value] of [
    ['--from', options.from],
    ['--to', options.to],
  ] as const) {
    if (value !== undefined && !isCalendarDate(value)) {
      throw new AttuneError(
        'invalid-input',
        `${flag} must be a calendar date written yyyy-mm-dd (e.g. 2025-01-31), not “${value.slice(0, 40)}”.`,
      );
    }
  }
  const from = options.from ?? null;
  const to = options.to ?? null;
  if (from !== null && to !== null && from > to) {
    throw new AttuneError('invalid-input', `--from ${from} is after --to ${to}: nothing could be in range.`);
  }
  return { from, to };
}

const byId = <T extends { id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Every value of a kind, in id order (the order the renderer's index hands them out). */
async function values<T extends { id: string }>(vault: ReportVault, kind: string): Promise<T[]> {
  return (await vault.getAll<T>(kind)).map((r) => r.value).sort(byId);
}

/** The concern line from the settings record, or the default when none is stored. */
async function concernLineOf(vault: ReportVault): Promise<number> {
  if (!vault.list(kinds.setting).some((r) => r.id === SETTINGS_ID)) return DEFAULT_FEEDBACK_CONCERN_LINE;
  const settings = await vault.get<Partial<Settings>>(kinds.setting, SETTINGS_ID);
  const line = settings.feedbackConcernLine;
  return typeof line === 'number' && Number.isFinite(line) ? line : DEFAULT_FEEDBACK_CONCERN_LINE;
}

/** The outcome rating's totals by session (the mirror's outcome where a client has them). */
async function outcomeTotalsOf(vault: ReportVault): Promise<Map<string, number>> {
  return outcomeScaleTotals(await values<Measure>(vault, kinds.measure));
}

/** Note summaries: each note is reduced to its structured fields as soon as it is read. */
async function noteSummaries(vault: ReportVault, keep: (note: Note) => boolean): Promise<NoteSummary[]> {
  return (await values<Note>(vault, kinds.note)).filter(keep).map(summarizeNote);
}

/**
 * A client's or the caseload's report over a date range, computed by `clientMetrics` /
 * `caseloadMetrics` with the parameters the app's charts use: the range, a rolling window of
 * {@link REPORT_REPAIR_WINDOW} sessions, and the concern line from the settings. Appends an
 * 'export' audit entry, as the report is data leaving the vault.
 */
export async function buildReport(vault: ReportVault, options: ReportOptions = {}): Promise<Report> {
  const range = checkReportRange(options);
  const dateRange: DateRange = range;
  const now = options.now ?? new Date().toISOString();
  const clients = await values<Client>(vault, kinds.client);

  if (options.clientCode !== undefined) {
    const wanted = options.clientCode.toLowerCase();
    const client = clients.find((c) => c.code.toLowerCase() === wanted);
    if (!client) {
      throw new AttuneError('invalid-input', `No client with code ${options.clientCode.slice(0, 40)}.`);
    }
    // What the client's charts read from the index: this client's sessions and note summaries.
    const sessions = (await values<Session>(vault, kinds.session)).filter((s) => s.clientId === client.id);
    const notes = await noteSummaries(vault, (n) => n.clientId === client.id);
    const concernLine = await concernLineOf(vault);
    const metrics = clientMetrics(client.id, sessions, notes, {
      now,
      range: dateRange,
      window: REPORT_REPAIR_WINDOW,
      concernLine,
    });
    const mirror = clientMirror(client.id, sessions, notes, {
      now,
      range: dateRange,
      concernLine,
      outcomeTotals: await outcomeTotalsOf(vault),
    });
    await vault.appendAudit('export', { what: 'report', scope: 'client', clientId: client.id });
    return {
      kind: 'client',
      client: { code: client.code, status: client.status, startDate: client.startDate },
      range,
      metrics,
      mirror,
    };
  }

  // What the caseload page reads from the index: every session and note summary.
  const sessions = await values<Session>(vault, kinds.session);
  const notes = await noteSummaries(vault, () => true);
  const metrics = caseloadMetrics(sessions, notes, { range: dateRange, now });
  const mirror = caseloadMirror(sessions, notes, {
    now,
    range: dateRange,
    concernLine: await concernLineOf(vault),
    outcomeTotals: await outcomeTotalsOf(vault),
  });
  await vault.appendAudit('export', { what: 'report', scope: 'caseload' });
  return { kind: 'caseload', range, clients: clients.length, metrics, mirror };
}
