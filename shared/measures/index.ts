/** Outcome measures: instruments as data, the record schema, scoring, reliable change and flags. */
export * from './gad7';
export * from './instrument';
export * from './instruments';
export * from './measureFlags';
export * from './measureSchema';
export * from './outcomeRating';
export * from './phq9';
export * from './reliableChange';
export * from './scoreMeasure';
export * from './measureSeries';
