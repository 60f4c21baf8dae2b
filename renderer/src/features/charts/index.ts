/** Charts of ruptures, repairs and attunement: a client's charts and the caseload reflection page. */
export { CaseloadPage } from './CaseloadPage';
export { ClientCharts } from './ClientCharts';
export { allDates, type RangeInput } from './dateRangeInput';
export { MeasureCharts } from './MeasureCharts';
