import { open, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExportFile } from '../../../main/services/exchange/exportFileSchema';
import { kinds } from '../../../main/services/RecordStore';
import { exportSizeWarning } from '../../../main/services/records/exportSizeWarning';
import { tempDir } from '../helpers/tempDir';
import { expectKind, openServices } from '../services/serviceKit';

/**
 * A real vault holding the documented example's client with `notes` sessions, each with a note
 * whose subjective section is `text` (the same string in every note, so the vault is large on
 * disk and in its export, not in this test's own memory). Saved a hundred records a commit.
 */
async function vaultWith(notes: number, text: string) {
  const harness = await openServices();
  const doc = await readFile(join(__dirname, '../../../docs/interchange-format.md'), 'utf8');
  const example = JSON.parse(/```json\n([\s\S]*?)\n```/.exec(doc)![1]!) as ExportFile;
  const [client, session, note] = [example.clients[0]!, example.sessions[0]!, example.notes[0]!];
  const vault = harness.session.vault;
  await vault.putMany([{ kind: kinds.client, id: client.id, value: client }]);
  for (let from = 0; from < notes; from += 50) {
    const items = [];
    for (let i = from; i < Math.min(notes, from + 50); i++) {
      const sessionId = `s-${i}`;
      items.push(
        { kind: kinds.session, id: sessionId, value: { ...session, id: sessionId } },
        {
          kind: kinds.note,
          id: `n-${i}`,
          value: { ...note, id: `n-${i}`, sessionId, sections: { ...note.sections, subjective: text } },
        },
      );
    }
    await vault.putMany(items);
  }
  return harness;
}

/** The first and the last `bytes` bytes of the file at `path`, as text. */
async function endsOf(path: string, bytes: number): Promise<[string, string]> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const head = await file.read(Buffer.alloc(bytes), 0, bytes, 0);
    const tail = await file.read(Buffer.alloc(bytes), 0, bytes, size - bytes);
    return [head.buffer.toString('utf8'), tail.buffer.toString('utf8')];
  } finally {
    await file.close();
  }
}

/**
 * The app's "Export all records" of a vault whose file is larger than import takes (200 MB)
 * wrote it without a word, a file that cannot be imported back; past V8's longest string (about
 * 512 MB) it failed with "Invalid string length" (an outside probe, after the same in the CLI:
 * largeExport.test). Long suite: vaults of 205 MB and 540 MB of notes, built and exported.
 */
describe('export all records, larger than import takes', () => {
  it('is written exactly as JSON.stringify would, with a warning that says what to do; import refuses it as the warning says', async () => {
    const { services } = await vaultWith(1055, 'a'.repeat(199_999));
    const folder = await tempDir('attune-records-');
    const result = await services.records.exportAll(folder, false);
    const size = (await stat(result.path)).size;
    const text = await readFile(result.path, 'utf8');
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    expect(result.counts).toMatchObject({ clients: 1, sessions: 1055, notes: 1055 });
    expect(result.warning).toBe(exportSizeWarning(size));
    expect(result.warning).toMatch(/^This file is 20\d\.\d MB, more than Attune imports \(200 MB\)/);
    expect(await readdir(folder)).toEqual([result.path.slice(folder.length + 1)]);

    const target = await openServices();
    expect(await expectKind(target.services.records.previewImport(result.path), 'invalid-input')).toMatch(
      /over 200 MB .* use a backup of it instead/,
    );
  }, 180_000);

  it('is written past the longest string V8 makes, not failed with "Invalid string length"', async () => {
    // 2,700 notes of 200,000 characters: 540 million characters of JSON, over V8's 2^29 − 24.
    const { services } = await vaultWith(2700, 'b'.repeat(199_999));
    const folder = await tempDir('attune-records-');
    const started = performance.now();
    const result = await services.records.exportAll(folder, false);
    const took = performance.now() - started;
    const size = (await stat(result.path)).size;
    expect(size).toBeGreaterThan(2 ** 29);
    expect(result.counts).toMatchObject({ sessions: 2700, notes: 2700 });
    expect(result.warning).toBe(exportSizeWarning(size));
    expect(await readdir(folder)).toEqual([result.path.slice(folder.length + 1)]);
    // Whole: it begins and ends as an export does (the first case checks every byte).
    const [head, tail] = await endsOf(result.path, 400);
    expect(head).toMatch(/^\{\n {2}"format": "attune-export",\n {2}"version": 3,\n/);
    expect(tail).toMatch(/\n {2}"templates": \[\],\n {2}"settings": \{\n[\s\S]*\n {2}\}\n\}\n$/);
    console.log(`export all: ${(size / 1024 / 1024).toFixed(1)} MB in ${(took / 1000).toFixed(1)} s`);
  }, 300_000);
});
