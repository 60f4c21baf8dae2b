import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clientWithNote, filledDraft, openServices } from './serviceKit';

/** Every file under `dir`, with its bytes. */
async function filesUnder(dir: string): Promise<Array<{ path: string; bytes: Buffer }>> {
  const out: Array<{ path: string; bytes: Buffer }> = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(path)));
    else if (entry.isFile()) out.push({ path, bytes: await readFile(path) });
  }
  return out;
}

describe('search keeps no note text on disk', () => {
  it('after searching through the scan and the full index, no file in the data folder or temp folder holds the text', async () => {
    const marker = 'zephyrquartzmarker';
    const { services, session, location } = await openServices();
    const tmpBefore = new Set(await readdir(tmpdir()));
    const { note } = await clientWithNote(services);
    await services.notes.saveDraft(note.id, filledDraft({ subjective: `She said ${marker} twice.` }));
    expect((await services.search.search(marker, 10)).total).toBe(1); // answered by the scan
    await services.search.indexReady();
    expect((await services.search.search(marker.slice(0, 8), 10)).total).toBe(1); // by the index
    await session.lock('user');

    const needle = Buffer.from(marker, 'utf8');
    const dataFiles = await filesUnder(dirname(location));
    expect(dataFiles.length).toBeGreaterThan(3);
    for (const { path, bytes } of dataFiles) expect(bytes.includes(needle), path).toBe(false);
    // Nothing new in the system temp folder holds it either (no spilled index or worker file).
    const fresh = (await readdir(tmpdir())).filter((name) => !tmpBefore.has(name));
    for (const name of fresh) {
      const files = await filesUnder(join(tmpdir(), name)).catch(async () => [
        {
          path: join(tmpdir(), name),
          bytes: await readFile(join(tmpdir(), name)).catch(() => Buffer.alloc(0)),
        },
      ]);
      for (const { path, bytes } of files) expect(bytes.includes(needle), path).toBe(false);
    }
  });
});
