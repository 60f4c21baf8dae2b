import type { RecordCounts } from './ipc/contracts/recordsContract';
import { plural } from './plural';

/**
 * What an export or import file holds, in words: every kind it has (none is left unsaid). The one
 * wording of Settings' export and import and of `attune export` and `attune import`. Process notes
 * not asked for (`processNotes` undefined: an export without them) are not counted as none.
 */
export const countsText = (c: RecordCounts): string =>
  `${plural(c.clients, 'client')}, ${plural(c.sessions, 'session')}, ${plural(c.notes, 'note')}, ` +
  (c.processNotes === undefined ? '' : `${plural(c.processNotes, 'process note')}, `) +
  // Files of older interchange versions carry none of these: left out rather than "0 diagnoses".
  (c.measures ? `${plural(c.measures, 'measure')}, ` : '') +
  (c.treatmentPlans ? `${plural(c.treatmentPlans, 'treatment plan version')}, ` : '') +
  (c.diagnoses ? `${plural(c.diagnoses, 'diagnosis', 'diagnoses')}, ` : '') +
  (c.safetyPlans ? `${plural(c.safetyPlans, 'safety plan')}, ` : '') +
  plural(c.templates, 'template');
