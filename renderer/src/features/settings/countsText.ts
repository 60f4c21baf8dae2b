import type { RecordCounts } from '../../../../shared/ipc/contracts/recordsContract';
import { plural } from '../../../../shared/plural';

/** What an export or import file holds, in words: every kind it has (none is left unsaid). */
export const countsText = (c: RecordCounts): string =>
  `${plural(c.clients, 'client')}, ${plural(c.sessions, 'session')}, ${plural(c.notes, 'note')}, ` +
  `${plural(c.processNotes, 'process note')}, ` +
  // Files of older interchange versions carry none of these: left out rather than "0 diagnoses".
  (c.measures ? `${plural(c.measures, 'measure')}, ` : '') +
  (c.treatmentPlans ? `${plural(c.treatmentPlans, 'treatment plan version')}, ` : '') +
  (c.diagnoses ? `${plural(c.diagnoses, 'diagnosis', 'diagnoses')}, ` : '') +
  (c.safetyPlans ? `${plural(c.safetyPlans, 'safety plan')}, ` : '') +
  plural(c.templates, 'template');
