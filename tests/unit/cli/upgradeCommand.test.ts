import { cp, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SyncedVault } from '../../../main/vault/v2/SyncedVault';
import { Vault } from '../../../main/vault/Vault';
import { tempDir } from '../helpers/tempDir';
import { cli } from './cliTestKit';

const FIXTURE = join(__dirname, '../../fixtures/vault-v1');

interface Expected {
  records: Array<{ kind: string; id: string; value: unknown }>;
}

/** The frozen format-1 vault an older Attune wrote (tests/fixtures/vault-v1), copied into a temp folder. */
async function format1Fixture() {
  const root = await tempDir('attune-cli-upgrade-');
  const dir = join(root, 'vault');
  await cp(join(FIXTURE, 'vault'), dir, { recursive: true });
  const text = (name: string) => readFile(join(FIXTURE, name), 'utf8').then((t) => t.trim());
  const dataDir = await tempDir('attune-cli-data-');
  const pass = await text('PASSPHRASE.txt');
  return {
    root,
    dir,
    pass,
    env: { ATTUNE_PASSPHRASE: pass, ATTUNE_DATA_DIR: dataDir },
    expected: JSON.parse(await text('expected.json')) as Expected,
  };
}

const versionOf = async (dir: string) =>
  (JSON.parse(await readFile(join(dir, 'attune-vault.json'), 'utf8')) as { version: number }).version;

describe('attune upgrade (a format-1 vault to format 2, from the command line)', () => {
  it('upgrades the frozen format-1 fixture: every record carried over, a verified format-1 copy kept beside it, verify passes', async () => {
    const { root, dir, pass, env, expected } = await format1Fixture();
    const { code, out, err } = await cli(['upgrade', dir], env);
    expect(code).toBe(0);
    expect(out).toMatch(
      /^Upgraded .* to the new format \(format 2\): \d+ records carried over and checked\./,
    );
    expect(err).toMatch(/Upgrading: \d+ of \d+ records written\./);
    expect(await versionOf(dir)).toBe(2);

    // The copy beside it is named in the output, is format 1, and still opens with the passphrase.
    const [copy] = (await readdir(root)).filter((n) => n.startsWith('vault (format 1 copy '));
    expect(copy).toBeDefined();
    expect(out).toContain(join(root, copy!));
    expect(await versionOf(join(root, copy!))).toBe(1);
    const old = await Vault.open(join(root, copy!), { passphrase: pass });
    await old.lock();

    // The upgraded vault holds every record, byte for byte as values, and verifies.
    const opened = await SyncedVault.open(
      dir,
      { passphrase: pass },
      { device: { hex: 'c'.repeat(32), name: 'Check' }, heartbeatMs: 0 },
    );
    try {
      for (const kind of new Set(expected.records.map((r) => r.kind))) {
        const got = (await opened.getAll(kind)).map((r) => ({ id: r.id, value: r.value }));
        const want = expected.records
          .filter((r) => r.kind === kind)
          .map((r) => ({ id: r.id, value: r.value }));
        expect(got.sort((a, b) => a.id.localeCompare(b.id))).toEqual(
          want.sort((a, b) => a.id.localeCompare(b.id)),
        );
      }
    } finally {
      await opened.lock();
    }
    expect((await cli(['verify', dir], env)).code).toBe(0);

    // Once is enough: a second run says so and changes nothing.
    const again = await cli(['upgrade', dir], env);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/already in the new format \(format 2\); nothing was changed/);
    expect((await readdir(root)).filter((n) => n.startsWith('vault (format 1 copy '))).toHaveLength(1);
  });

  it('a wrong passphrase changes nothing and exits 3', async () => {
    const { root, dir, env } = await format1Fixture();
    const { code } = await cli(['upgrade', dir], { ...env, ATTUNE_PASSPHRASE: 'not the passphrase' });
    expect(code).toBe(3);
    expect(await versionOf(dir)).toBe(1);
    expect(await readdir(root)).toEqual(['vault']);
  });

  it('other commands open a format-1 vault as it is: only attune upgrade changes its format', async () => {
    const { root, dir, env } = await format1Fixture();
    const { code, out } = await cli(['export', dir], env);
    expect(code).toBe(0);
    expect(JSON.parse(out).clients.length).toBeGreaterThan(0);
    expect(await versionOf(dir)).toBe(1);
    expect(await readdir(root)).toEqual(['vault']);
  });

  it('a folder without a vault is refused with a plain message', async () => {
    const root = await tempDir('attune-cli-upgrade-');
    const { code, err } = await cli(['upgrade', join(root, 'nothing')], {
      ATTUNE_PASSPHRASE: 'x',
      ATTUNE_DATA_DIR: root,
    });
    expect(code).toBe(2);
    expect(err).toMatch(/There is no Attune vault in .*nothing was changed/);
  });
});
