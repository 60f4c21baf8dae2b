import { instrumentsById } from '../../../../shared/measures/instruments';

/** Whose records a chart shows: one client's (the Patterns tab, a review packet) or the caseload's. */
export type ChartScope = 'client' | 'caseload';

interface ChartEntry {
  title: string;
  scope: ChartScope;
}

/**
 * Every chart Attune draws, in one list: its id (the `data-chart` attribute tests find it by, the
 * export file's name and the audit log's `chart`), the title it is shown and exported under, and
 * its scope (recorded with each export in the audit log).
 */
export const chartCatalog = {
  // A client's, on the Patterns tab (a review packet draws the timeline, trends, profile and feedback).
  timeline: { title: 'Rupture and repair timeline', scope: 'client' },
  trends: { title: 'Attunement trends', scope: 'client' },
  'goal-progress': { title: 'Progress on treatment goals', scope: 'client' },
  profile: { title: 'Attunement profile', scope: 'client' },
  feedback: { title: 'Session feedback', scope: 'client' },
  'mirror-outcome': { title: 'Outcome and ruptures', scope: 'client' },
  'mirror-agreement': { title: 'Your ratings and the client’s feedback', scope: 'client' },
  'mirror-participation': { title: 'Participation over time', scope: 'client' },
  'measure-outcome': { title: instrumentsById.outcome.label, scope: 'client' },
  'measure-phq9': { title: instrumentsById.phq9.label, scope: 'client' },
  'measure-gad7': { title: instrumentsById.gad7.label, scope: 'client' },
  // The caseload page's.
  'caseload-months': { title: 'Dimension means by month', scope: 'caseload' },
  preceding: { title: 'Dimensions preceding ruptures', scope: 'caseload' },
  'strategy-groups': { title: 'Repair by strategy group', scope: 'caseload' },
  strategies: { title: 'Repair strategy success rates', scope: 'caseload' },
  markers: { title: 'Rupture marker frequencies', scope: 'caseload' },
  'mirror-episodes': { title: 'Outcome after ruptures, across your caseload', scope: 'caseload' },
  'mirror-agreement-caseload': { title: 'Your ratings and your clients’ feedback', scope: 'caseload' },
  'mirror-participation-months': { title: 'Participation by month, across your caseload', scope: 'caseload' },
} as const satisfies Record<string, ChartEntry>;

/** A chart's id. */
export type ChartId = keyof typeof chartCatalog;
