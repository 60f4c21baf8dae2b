import { cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { upgradeFormat1 } from '../../../../main/vault/v2/upgradeFormat1';
import { readVaultV2 } from './independentReaderV2/readVaultV2';
import { A, tempRootsPerTest } from './v2Kit';

const FIXTURE = join(__dirname, '../../../fixtures/vault-v1');
const tempRoot = tempRootsPerTest('attune-upgrade-reader-');

describe('an upgraded vault read by the independent reader (written from FORMAT.md alone)', () => {
  it('opens with the passphrase and with format 1’s recovery key, and holds every record and audit entry', async () => {
    const dir = join(await tempRoot(), 'vault');
    await cp(join(FIXTURE, 'vault'), dir, { recursive: true });
    const text = (name: string) => readFile(join(FIXTURE, name), 'utf8').then((t) => t.trim());
    const pass = await text('PASSPHRASE.txt');
    const expected = JSON.parse(await text('expected.json')) as {
      records: Array<{ kind: string; id: string; value: unknown }>;
      audit: Array<{ seq: number; type: string }>;
    };
    await upgradeFormat1(dir, pass, { hex: A, name: 'Office iMac' });

    for (const secret of [{ passphrase: pass }, { recoveryKey: await text('RECOVERY-KEY.txt') }]) {
      const read = await readVaultV2(dir, secret);
      expect(read.problems).toEqual([]);
      expect(read.epoch).toBe(1);
      const byKey = (r: { kind: string; id: string }) => `${r.kind}/${r.id}`;
      expect(new Map(read.records.map((r) => [byKey(r), r.value]))).toEqual(
        new Map(expected.records.map((r) => [byKey(r), r.value])),
      );
      expect(read.audit.map((e) => e.type)).toEqual([...expected.audit.map((e) => e.type), 'format-upgrade']);
    }
  });
});
