/** Supervisor case review: packet and comments schemas, de-identification, review-mode analytics. */

export * from '../domain/displaySafeText';
export * from './commentsSchema';
export * from './deidentify';
export * from './packetAnalytics';
export * from './packetSchema';
export * from './reviewFiles';
