import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeExport } from '../../../main/cli/writeExport';
import type { ExportFile } from '../../../main/services/exchange/exportFileSchema';
import { MAX_IMPORT_BYTES } from '../../../main/services/exchange/exportFileSchema';
import { tempDir } from '../helpers/tempDir';
import { captureIo } from './cliTestKit';

/** The documented example (docs/interchange-format.md), with `notes` notes whose subjective section is `text`. */
async function exampleWith(notes: number, text: string): Promise<ExportFile> {
  const doc = await readFile(join(__dirname, '../../../docs/interchange-format.md'), 'utf8');
  const file = JSON.parse(/```json\n([\s\S]*?)\n```/.exec(doc)![1]!) as ExportFile;
  const note = file.notes[0]!;
  // The same string in every note: the file is large as JSON, not in this test's memory.
  file.notes = Array.from({ length: notes }, (_, i) => ({
    ...note,
    id: `n-${i}`,
    sections: { ...note.sections, subjective: text },
  }));
  return file;
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * `attune export` of a vault whose file is larger than `attune import` takes (200 MB) wrote it
 * without a word, a file that cannot be imported back; past V8's longest string (about 512 MB)
 * it failed with "unexpected failure: Invalid string length" (an outside probe: a demo vault of
 * 100,000 sessions).
 */
describe('an export larger than import takes', () => {
  it('is written exactly as JSON.stringify would, and the user is told it cannot be imported as it stands', async () => {
    const root = await tempDir();
    const big = 'a'.repeat(199_999);
    const file = await exampleWith(Math.ceil(MAX_IMPORT_BYTES / 200_000) + 5, big);
    const out = join(root, 'big.json');
    const { io, out: said, err } = captureIo();
    await writeExport(io, file, out, false);
    const expected = createHash('sha256')
      .update(`${JSON.stringify(file, null, 2)}\n`)
      .digest('hex');
    expect(await sha256Of(out)).toBe(expected);
    expect(said[0]).toMatch(/^Exported 1 client, 1 session, 1054 notes, .* Written to /);
    // To one decimal, rounded up (a file just over 200 MB is never said to be 200 MB).
    const size = (Math.ceil(((await stat(out)).size / 1024 / 1024) * 10) / 10).toFixed(1);
    expect(err).toContain(
      `This file is ${size} MB, more than \`attune import\` takes (200 MB): it cannot be imported as it stands. To move the vault to another computer, copy it with \`attune backup\` instead.`,
    );
  }, 60_000);

  it('is written past the longest string V8 makes, not refused as an unexpected failure', async () => {
    const root = await tempDir();
    // 2,700 notes of 200,000 characters: 540 million characters of JSON, over V8's 2^29 − 24.
    const file = await exampleWith(2700, 'b'.repeat(199_999));
    const out = join(root, 'huge.json');
    const { io, out: said } = captureIo();
    await writeExport(io, file, out, false);
    expect(said[0]).toMatch(/^Exported 1 client, 1 session, 2700 notes, /);
    expect((await stat(out)).size).toBeGreaterThan(2 ** 29);
  }, 120_000);
});
