/** The domain model: vocabularies as data, record schemas and types, templates and helpers. */
export * from './attunementSchema';
export * from './canonicalJson';
export * from './clientSchema';
export * from './dimensions';
export * from './emptyNote';
export * from './feedback';
export * from './fields';
export * from './noteSchema';
export * from './participation';
export * from './participationSchema';
export * from './processNoteSchema';
export * from './ruptureSchema';
export * from './ruptures';
export * from './sessionSchema';
export * from './settingsSchema';
export * from './signableContent';
export * from './templates';
