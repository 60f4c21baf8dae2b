import { cp, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Vault } from '../../../main/vault/Vault';
import { makeVaultV1 } from '../../fixtures/vault-v1/makeVaultV1';
import { tempDir } from '../helpers/tempDir';
import { hashTree } from './kit';

const FIXTURE = resolve(__dirname, '../../fixtures/vault-v1');

interface Expected {
  records: Array<{ kind: string; id: string; rev: number; value: unknown }>;
  audit: Array<{ seq: number; type: string; detail: Record<string, unknown> }>;
}

describe('frozen format-v1 vault (known answer)', () => {
  it.runIf(process.env.ATTUNE_MAKE_FIXTURE === '1')('regenerates the fixture on request', async () => {
    await makeVaultV1(FIXTURE);
  });

  it('opens and reads exactly what version 1 wrote, journal replay included', async () => {
    const passphrase = (await readFile(join(FIXTURE, 'PASSPHRASE.txt'), 'utf8')).split('\n')[0]!;
    const recoveryKey = (await readFile(join(FIXTURE, 'RECOVERY-KEY.txt'), 'utf8')).trim();
    const expected = JSON.parse(await readFile(join(FIXTURE, 'expected.json'), 'utf8')) as Expected;
    const frozen = await hashTree(join(FIXTURE, 'vault'));
    expect((await stat(join(FIXTURE, 'vault', 'journal.bin'))).size).toBeGreaterThan(0);

    // Opening writes (audit, checkpoint), so work on a copy and keep the fixture frozen.
    const dir = join(await tempDir(), 'vault');
    await cp(join(FIXTURE, 'vault'), dir, { recursive: true });
    // The passphrase with its é decomposed: normalised to NFC before the KDF, so it opens too.
    const vault = await Vault.open(dir, { passphrase: passphrase.normalize('NFD') });
    try {
      const records = [];
      for (const { kind, id, rev } of vault
        .list()
        .sort((a, b) => `${a.kind}/${a.id}`.localeCompare(`${b.kind}/${b.id}`))) {
        records.push({ kind, id, rev, value: await vault.get(kind, id) });
      }
      expect(records).toEqual(expected.records);
      const audit = (await vault.readAudit()).map(({ seq, type, detail }) => ({ seq, type, detail }));
      expect(audit.slice(0, expected.audit.length)).toEqual(expected.audit);
      expect(audit.at(-1)?.type).toBe('unlock');
      expect((await vault.getAll('note')).length).toBe(
        expected.records.filter((r) => r.kind === 'note').length,
      );
      expect(await vault.verify()).toMatchObject({ ok: true, records: expected.records.length });
    } finally {
      await vault.lock();
    }
    const byRecovery = await Vault.open(dir, { recoveryKey });
    expect(byRecovery.list().length).toBe(expected.records.length);
    await byRecovery.lock();
    expect(await hashTree(join(FIXTURE, 'vault'))).toEqual(frozen);
  });
});
