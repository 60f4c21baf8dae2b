import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createServices } from '../../../main/services/createServices';
import { openPacketFile } from '../../../main/services/review/reviewFiles';
import { VaultSession } from '../../../main/services/VaultSession';
import { cli } from '../cli/cliTestKit';
import { tempDir } from '../helpers/tempDir';
import { makeVault, openAsThisComputer, PASS } from '../services/serviceKit';
import { FORBIDDEN, PACKET_PASS, PROCESS_SECRET, type SeededCase, seedCase } from './reviewKit';

/** A locked vault holding the seeded case, the folder to write packets to, and a packet passphrase file. */
async function seededVault(): Promise<{
  location: string;
  out: string;
  passFile: string;
  seeded: SeededCase;
}> {
  const { location } = await makeVault();
  const session = new VaultSession(location, () => undefined);
  await session.unlock({ passphrase: PASS });
  const seeded = await seedCase(createServices(session));
  await session.lock('user');
  const out = await tempDir('attune-review-out-');
  const passFile = join(out, 'packet-pass.txt');
  await writeFile(passFile, `${PACKET_PASS}\n`);
  return { location, out, passFile, seeded };
}

const env = { ATTUNE_PASSPHRASE: PASS };

describe('attune review-packet', () => {
  it('writes a de-identified, encrypted packet and says what is in it', async () => {
    const { location, out, passFile, seeded } = await seededVault();
    const file = join(out, 'case.attune-review');
    const result = await cli(
      [
        'review-packet',
        location,
        '--client',
        'c-014',
        '--out',
        file,
        '--packet-passphrase-file',
        passFile,
        '--names',
        'Mara, Dr. Lindqvist',
      ],
      env,
    );
    expect(result.err).toContain('separately');
    expect(result.code).toBe(0);
    expect(result.out).toBe(
      `Wrote a review packet for “Client A”: 3 sessions, no process notes, no diagnoses, dates shifted. Written to ${file}.`,
    );
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const { packet, check } = await openPacketFile(file, PACKET_PASS);
    expect(check.kdf).toEqual({ memoryKiB: 65536, iterations: 3, parallelism: 1 });
    const json = JSON.stringify(packet).toLowerCase();
    for (const name of FORBIDDEN) expect(json).not.toContain(name);
    for (const id of [seeded.client.id, ...seeded.sessions.map((s) => s.id)]) expect(json).not.toContain(id);
    expect(packet.processNotes).toBeUndefined();
    expect(packet.dateShiftApplied).toBe(true);

    // Either format: the session that seeded the vault upgraded it to format 2.
    const vault = await openAsThisComputer(location);
    try {
      const exports = (await vault.readAudit()).filter((e) => e.type === 'export');
      expect(exports.map((e) => e.detail)).toEqual([
        expect.objectContaining({ what: 'review-packet', sessions: 3, processNotes: false }),
      ]);
      expect(vault.list('review-export')).toHaveLength(1);
    } finally {
      await vault.lock();
    }
  }, 60_000);

  it('takes a range, process notes and real dates when asked', async () => {
    const { location, out, seeded } = await seededVault();
    const file = join(out, 'march.attune-review');
    const result = await cli(
      [
        'review-packet',
        location,
        '--client',
        'C-014',
        '--from',
        '2025-03-01',
        '--to',
        '2025-03-12',
        '--out',
        file,
        '--include-process-notes',
        '--no-date-shift',
        '--alias',
        'Case 7',
      ],
      { ...env, ATTUNE_PACKET_PASSPHRASE: PACKET_PASS },
    );
    expect(result.code, result.err).toBe(0);
    expect(result.out).toMatch(/“Case 7”: 2 sessions, with process notes, no diagnoses, real dates/);
    const { packet } = await openPacketFile(file, PACKET_PASS);
    expect(packet.sessions.map((s) => Date.parse(s.startsAt))).toEqual(
      seeded.sessions.slice(0, 2).map((s) => Date.parse(s.startsAt)),
    );
    expect(packet.range).toEqual({ from: '2025-03-01', to: '2025-03-12' });
    expect(packet.processNotes![0]!.text).toContain(PROCESS_SECRET);
  }, 60_000);

  it('refuses bad requests with the usual exit codes, writing nothing', async () => {
    const { location, out, passFile } = await seededVault();
    const file = join(out, 'x.attune-review');
    const base = [
      'review-packet',
      location,
      '--client',
      'C-014',
      '--out',
      file,
      '--packet-passphrase-file',
      passFile,
    ];
    const cases: Array<[string[], Record<string, string>, number, RegExp]> = [
      [[...base, '--from', '2025-13-01'], env, 2, /--from must be a real date/],
      [
        ['review-packet', location, '--client', 'C-014', '--out', join(out, 'x.json')],
        env,
        2,
        /\.attune-review/,
      ],
      [
        ['review-packet', location, '--client', 'C-014', '--out', join(location, 'x.attune-review')],
        env,
        2,
        /outside the vault/,
      ],
      [
        ['review-packet', location, '--client', 'C-014', '--out', join(out, 'no', 'x.attune-review')],
        env,
        2,
        /does not exist/,
      ],
      [['review-packet', location, '--out', file], env, 2, /--client/],
      [[...base.slice(0, 3), 'C-999', ...base.slice(4)], env, 2, /no client with code C-999/],
      [base, { ATTUNE_PASSPHRASE: 'wrong passphrase!' }, 3, /passphrase/i],
      [base.slice(0, -2), { ...env, ATTUNE_PACKET_PASSPHRASE: 'short' }, 2, /at least 10 characters/],
      [
        base.slice(0, -2),
        { ...env, ATTUNE_PACKET_PASSPHRASE: PASS },
        2,
        /different from the vault passphrase/,
      ],
      [[...base, '--alias', 'Robin'], env, 2, /alias/],
    ];
    for (const [argv, vars, code, message] of cases) {
      const result = await cli(argv, vars);
      expect(result.code, `${argv.join(' ')}\n${result.err}`).toBe(code);
      expect(result.err).toMatch(message);
    }
    expect(await stat(file).catch(() => null)).toBeNull();
  }, 60_000);

  it('with shifted dates, refuses a file name holding a real date; with real dates, allows it', async () => {
    const { location, out, passFile } = await seededVault();
    const today = new Date().toISOString().slice(0, 10);
    const named = (name: string) => join(out, name);
    const dated = [
      [named(`case-${today}.attune-review`)],
      [named(`case-${today.replaceAll('-', '')}.attune-review`)],
      [named('case-from-2025-03-01.attune-review'), '--from', '2025-03-01'],
    ];
    for (const [file, ...range] of dated) {
      const argv = ['review-packet', location, '--client', 'C-014', '--out', file!, ...range];
      const result = await cli([...argv, '--packet-passphrase-file', passFile], env);
      expect(result.code, result.err).toBe(2);
      expect(result.err).toMatch(/holds a real date, which would let the reviewer work out the date shift/);
      expect(await stat(file!).catch(() => null)).toBeNull();
    }
    const file = named(`case-${today}.attune-review`);
    const result = await cli(
      ['review-packet', location, '--client', 'C-014', '--out', file, '--no-date-shift'],
      { ...env, ATTUNE_PACKET_PASSPHRASE: PACKET_PASS },
    );
    expect(result.code, result.err).toBe(0);
  }, 60_000);
});
