import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulateCrash } from '../../../main/vault/faults';
import { Vault } from '../../../main/vault/Vault';
import { newVault, PASS } from './kit';

const MARKER = 'ZEBRA-MARKER-7f3a';
const forms = [
  MARKER,
  Buffer.from(MARKER, 'utf16le').toString('latin1'),
  Buffer.from(MARKER).toString('base64'),
];

/** Every file under `dir`, raw bytes, searched for the marker as UTF-8, UTF-16 and base64. */
async function leaks(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const bytes = (await readFile(path)).toString('latin1');
    for (const form of forms) if (bytes.includes(form)) found.push(path);
  }
  return found;
}

describe('no plaintext at rest', () => {
  it('a marker written into notes, ids of audit details and kinds appears in no file, before or after a checkpoint', async () => {
    const { dir, vault } = await newVault({ checkpointEvery: 1000 });
    const id = 'client-ZEBRA-MARKER-7f3a';
    await vault.put('client', id, { name: `Jane ${MARKER}` }, { type: 'create', detail: { note: MARKER } });
    await vault.put('note', undefined, { body: `${MARKER} `.repeat(50) });
    await vault.appendAudit('export', { file: MARKER });
    expect(await leaks(dir)).toEqual([]); // journal only
    await vault.lock();
    expect(await leaks(dir)).toEqual([]); // checkpointed into records, manifest, audit log
    const v = await Vault.open(dir, { passphrase: PASS });
    expect(await v.get('client', id)).toEqual({ name: `Jane ${MARKER}` });
    await v.put('client', id, { name: MARKER });
    simulateCrash(v);
    expect(await leaks(dir)).toEqual([]); // after a crash, with the lock file left behind
  });
});
