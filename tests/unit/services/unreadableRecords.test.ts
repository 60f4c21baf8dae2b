import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createServices } from '../../../main/services/createServices';
import { VaultSession } from '../../../main/services/VaultSession';
import { clientInput, makeVault, PASS, steppingClock } from './serviceKit';

const recordFiles = async (location: string) => new Set(await readdir(join(location, 'records')));

describe('a damaged record file after unlock', () => {
  it('is left out of lists (which every index, search and chart reads through), and named as unreadable; the rest of the caseload loads', async () => {
    // Format 1 on purpose (its record files are damaged here), not upgraded at unlock.
    const { location } = await makeVault(undefined, 1);
    const session = new VaultSession(location, () => undefined, undefined, { upgradeToFormat2: false });
    onTestFinished(() => session.lock('quit').then(() => undefined));
    const services = createServices(session, { clock: steppingClock() });

    await session.unlock({ passphrase: PASS });
    const kept = await services.clients.create(clientInput('C-001'));
    await session.lock('user'); // every record in its own file
    const before = await recordFiles(location);
    await session.unlock({ passphrase: PASS });
    const damaged = await services.clients.create(clientInput('C-002'));
    await session.lock('user');
    const [file] = [...(await recordFiles(location))].filter((f) => !before.has(f));
    if (!file) throw new Error('the second client has no file of its own');
    // A disk error flips a byte in the middle of the second client's file.
    const bytes = await readFile(join(location, 'records', file));
    bytes[bytes.length >> 1]! ^= 0x40;
    await writeFile(join(location, 'records', file), bytes);

    await session.unlock({ passphrase: PASS });
    expect((await services.clients.list()).map((c) => c.id)).toEqual([kept.id]);
    expect(services.readProblems.unreadable()).toEqual([{ kind: 'client', id: damaged.id }]);

    // The next unlock starts afresh and finds it again.
    await session.lock('user');
    await session.unlock({ passphrase: PASS });
    expect(services.readProblems.unreadable()).toEqual([]);
    await services.clients.list();
    expect(services.readProblems.unreadable()).toEqual([{ kind: 'client', id: damaged.id }]);
  });
});
