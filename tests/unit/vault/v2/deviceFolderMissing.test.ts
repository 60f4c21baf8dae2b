import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyVault } from '../../../../main/vault/verifyVault';
import { createAsOffice, openAsLaptop, openAsOffice, syncFolder } from './syncFolder';
import { A, B, PASS, tempRootsPerTest } from './v2Kit';

/**
 * One computer's whole folder of changes, devices/<id>, deleted from the vault folder (by hand, or
 * by a sync app, or left out by its ignore rules) after another computer had received its
 * changes. That was said as "its files were replaced by an older copy", which sends the user
 * looking for the wrong thing: the folder is missing, and the sync app's deleted files, trash or
 * version history is where it is. An older copy (fewer changes than received) keeps its words.
 */
const tempRoot = tempRootsPerTest('attune-folder-missing-');
const laptopFolder = `devices/${B}`;

/** The office has received the laptop's changes (the office's own memory says so) and is open. */
async function officeWithLaptopChanges() {
  const root = await tempRoot();
  const office = join(root, 'office');
  const laptop = join(root, 'laptop');
  const a = await createAsOffice(office);
  await a.put('client', undefined, { code: 'A-1' });
  await syncFolder(office, laptop, B);
  const b = await openAsLaptop(laptop);
  await b.put('note', undefined, { text: 'from the laptop' });
  await b.lock();
  await syncFolder(laptop, office, A);
  await a.refresh();
  return { a, office };
}

const aboutLaptop = (problems: Array<{ deviceHex?: string; message: string }>) =>
  problems.filter((p) => p.deviceHex === B).map((p) => p.message);

/** What a missing folder's message must say, and never. */
function saysFolderMissing(message: string | undefined, opts: { open?: boolean } = {}) {
  expect(message).toMatch(/^3 changes saved on .+ that this computer had already received are missing/);
  expect(message).toContain(
    `the folder of that computer’s changes (${laptopFolder}) is not in this vault folder`,
  );
  expect(message).toMatch(/deleted .*, or your sync app has not synced it yet or leaves it out/);
  expect(message).toContain(
    `look for the folder ${laptopFolder} in your sync app’s deleted files, trash or version history`,
  );
  expect(message).toMatch(/open Attune on .+ with the sync app running/);
  expect(message).toMatch(/restore the vault from a backup/);
  expect(message).not.toMatch(/older copy/);
  if (opts.open) expect(message).toMatch(/They are still shown here while the vault stays open/);
}

describe('a computer’s folder of changes deleted from the vault folder', () => {
  it('is said to be missing, not replaced by an older copy: while open, on the next open, and by a check', async () => {
    const { a, office } = await officeWithLaptopChanges();
    expect(a.problems()).toEqual([]);
    await rm(join(office, 'devices', B), { recursive: true });

    // While open: the changes are still shown, and the folder is said to be missing (before, nothing was said).
    await a.refresh();
    const open = a.problems().filter((p) => p.deviceHex === B);
    expect(open).toMatchObject([{ type: 'rollback', file: laptopFolder, absent: 'folder' }]);
    saysFolderMissing(open[0]?.message, { open: true });
    await a.lock();

    // Opened again: this computer's memory of the laptop's changes is not met.
    const again = await openAsOffice(office);
    try {
      const reopened = again.problems().filter((p) => p.deviceHex === B);
      expect(reopened).toMatchObject([{ type: 'rollback', frames: { from: 1, to: 3 }, absent: 'folder' }]);
      saysFolderMissing(reopened[0]?.message);
      // The app's Check (a fresh read) says the same.
      const checked = await again.verify();
      expect(checked.ok).toBe(false);
      saysFolderMissing(aboutLaptop(checked.problems)[0]);
    } finally {
      await again.lock();
    }

    // From outside (no memory of its own): another computer's claim, so the changes may still come.
    const outside = await verifyVault(office, { passphrase: PASS });
    expect(outside.ok).toBe(false);
    const [said] = outside.problems.filter((p) => p.file === laptopFolder).map((p) => p.problem);
    expect(said).toMatch(
      /^Waiting for 3 changes from .+: a computer using this vault has already received them/,
    );
    expect(said).toContain(`the folder that holds them (${laptopFolder}) is not in this vault folder`);
    expect(said).toMatch(/has not synced it yet or leaves it out .*, or it was deleted/);
    expect(said).toContain('deleted files, trash or version history');
  });

  it('its log files deleted, its folder left: said as such', async () => {
    const { a, office } = await officeWithLaptopChanges();
    await a.lock();
    const folder = join(office, 'devices', B);
    for (const name of await readdir(folder)) if (name.startsWith('log-')) await rm(join(folder, name));
    expect(await readdir(folder)).toContain('seen.bin');
    const again = await openAsOffice(office);
    try {
      const [problem] = again.problems().filter((p) => p.deviceHex === B);
      expect(problem).toMatchObject({ type: 'rollback', absent: 'logs' });
      expect(problem?.message).toContain(
        `the folder of that computer’s changes (${laptopFolder}) is in this vault folder, but none of its change log files (log-….bin) is`,
      );
      expect(problem?.message).toContain(
        `look for the files of ${laptopFolder} in your sync app’s deleted files`,
      );
      expect(problem?.message).not.toMatch(/older copy/);
    } finally {
      await again.lock();
    }
  });

  it('a folder that holds fewer changes than received is still an older copy put back', async () => {
    const { a, office } = await officeWithLaptopChanges();
    await a.lock();
    const seg = join(office, 'devices', B, 'log-000001.bin');
    const bytes = await readFile(seg);
    // The laptop's first frame only (its join), as an older copy would hold.
    await writeFile(seg, bytes.subarray(0, 25 + bytes.readUInt32BE(25 + 4) + 12));
    const again = await openAsOffice(office);
    try {
      const [problem] = again.problems().filter((p) => p.deviceHex === B);
      expect(problem).toMatchObject({ type: 'rollback', frames: { from: 2, to: 3 } });
      expect(problem?.absent).toBeUndefined();
      expect(problem?.message).toMatch(/files were replaced by an older copy/);
    } finally {
      await again.lock();
    }
  });
});
