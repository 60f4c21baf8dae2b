/**
 * FORMAT.md §17 is enough to read this computer's local views: the copies the services leave in
 * the data folder are read by ./independentReaderV2/localViewsV2.ts, written from the text of
 * §17 alone (with §4's keys, as the rest of that reader). Only this file uses the services and
 * the engine, to write the copies and to compare.
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { kinds } from '../../../../main/services/RecordStore';
import {
  clientWithNote,
  filledDraft,
  openServices,
  PASS,
  setKitVaultFormat,
} from '../../services/serviceKit';
import { readKeysFiles, unlock } from './independentReaderV2/keySlotsV2';
import { openLocalView, parseRows, parseScan } from './independentReaderV2/localViewsV2';
import { readMarker } from './independentReaderV2/markerV2';

setKitVaultFormat(2);

describe('this computer’s local views, read from FORMAT.md §17 alone', () => {
  it('reads note-facts as rows and note-scan as each note’s words, with the versions the engine names', async () => {
    const { services, session, location } = await openServices({ searchSliceMs: 0, keepViewsAfterMs: 0 });
    const words = ['Orchard', 'Lighthouse', 'Café'];
    const ids: string[] = [];
    for (const [i, word] of words.entries()) {
      const { note } = await clientWithNote(services, `C-0${i + 1}`);
      await services.notes.saveDraft(
        note.id,
        filledDraft({ subjective: `Spoke of the ${word}, twice: ${word}.` }),
      );
      ids.push(note.id);
    }
    await session.lock('idle');
    await session.unlock({ passphrase: PASS });
    await services.index.today(new Date('2025-03-14T12:00:00Z'));
    await services.search.warmUp();
    const dataDir = dirname(location);
    const vaultId = await readMarker(location);
    const file = (view: string) => join(dataDir, 'local-index', `${vaultId.toString('hex')}-${view}.bin`);
    await vi.waitFor(() =>
      expect(existsSync(file('note-scan')) && existsSync(file('note-facts'))).toBe(true),
    );
    const engineVersions = new Map(session.vault.getAllJson?.(kinds.note).map((r) => [r.id, r.version]));

    const devices = (await readdir(join(location, 'devices'))).filter((n) => /^[0-9a-f]{32}$/.test(n));
    const { vk } = await unlock((await readKeysFiles(location, devices, vaultId)).files, vaultId, {
      passphrase: PASS,
    });

    const facts = parseRows((await openLocalView(dataDir, vk, vaultId, 'note-facts', 1)) as Buffer);
    expect([...facts.ids].sort()).toEqual([...ids].sort());
    expect(facts.versions).toEqual(facts.ids.map((id) => engineVersions.get(id)));

    // Schema 2 (FORMAT.md §17): words folded with ß as ss and the like.
    const scan = parseScan((await openLocalView(dataDir, vk, vaultId, 'note-scan', 2)) as Buffer);
    expect(scan.notes.map((n) => n.id).sort()).toEqual([...ids].sort());
    for (const note of scan.notes) {
      expect(note.version).toBe(engineVersions.get(note.id));
      expect(new Set(note.words).size).toBe(note.words.length); // each word once
      const own = words[ids.indexOf(note.id)] as string;
      // Folded: lower case, accents removed.
      expect(note.words).toContain(own.toLowerCase().normalize('NFD').replace(/\p{M}/gu, ''));
      for (const other of words.filter((w) => w !== own))
        expect(note.words).not.toContain(other.toLowerCase());
    }
    // Under another schema, or another view's name, nothing opens.
    expect(await openLocalView(dataDir, vk, vaultId, 'note-scan', 1)).toBeNull();
    expect(await openLocalView(dataDir, vk, vaultId, 'note-facts', 2)).toBeNull();
  });
});
