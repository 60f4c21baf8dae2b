/** Analytics: pure metrics over sessions and note summaries, for the charts and the CLI report. */
export * from './caseloadMetrics';
export * from './clientMetrics';
export * from './clinicianProfile';
export * from './dateRange';
export * from './dimensionTrends';
export * from './goalProgressSeries';
export * from './memoizedMetrics';
export * from './notesBySession';
export * from './repairRate';
export * from './rollingRepairRate';
export * from './ruptureTally';
export * from './sessionMetrics';
export * from './statistics';
