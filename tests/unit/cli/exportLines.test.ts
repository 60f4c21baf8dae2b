import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExportFile } from '../../../main/services/exchange/exportFileSchema';
import { eachExportLine } from '../../../main/services/exchange/exportLines';

/** eachExportLine writes the export in pieces (largeExport.test, in the long suite, says why). */
describe('eachExportLine', () => {
  it('joins to exactly what JSON.stringify writes, whatever the file holds', async () => {
    const doc = await readFile(join(__dirname, '../../../docs/interchange-format.md'), 'utf8');
    const example = JSON.parse(/```json\n([\s\S]*?)\n```/.exec(doc)![1]!) as ExportFile;
    const note = example.notes[0]!;
    const odd = {
      ...note,
      id: 'n-odd',
      plan: 'line\nbreak\u2028separator\u0000nul \ud800 lone, "quoted" \\ and ]},\n    indented',
    };
    const { processNotes: _p, settings: _s, ...bare } = example;
    for (const file of [
      example,
      { ...example, notes: [note, odd] },
      bare,
      { ...bare, clients: [], sessions: [], notes: [], measures: [], templates: [] },
    ] as ExportFile[]) {
      expect([...eachExportLine(file)].join('\n')).toBe(JSON.stringify(file, null, 2));
    }
  });
});
