import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { trimToNotes } from '../../../main/cli/bench/benchFixture';
import { benchTable } from '../../../main/cli/bench/benchReport';
import { median, percentile } from '../../../main/cli/bench/stats';
import { generateDemo } from '../../../main/services/demo/generateDemo';
import { tempDir } from '../helpers/tempDir';
import { cli } from './cliTestKit';

describe('attune bench', () => {
  it('runs end to end on a tiny vault and reports every metric as a table row and as JSON', async () => {
    const root = await tempDir();
    const results = join(root, 'results', 'vault.json');
    const args = ['bench', '--notes', '30', '--clients', '3', '--runs', '1', '--saves', '4'];
    const run = await cli([...args, '--dir', root, '--results', results, '--json']);
    expect(run.err).not.toMatch(/^attune:/m);
    expect(run.code).toBe(0);

    const printed = JSON.parse(run.out);
    const written = JSON.parse(await readFile(results, 'utf8'));
    expect(written).toEqual(printed);
    expect(printed.params).toMatchObject({ notes: 30, clients: 3, runs: 1, saves: 4 });
    expect(printed.kdf).toMatchObject({
      algorithm: 'argon2id',
      memoryKiB: 65536,
      iterations: 3,
      parallelism: 1,
    });
    expect(printed.verify).toMatchObject({ ok: true, problems: 0 });
    expect(printed.rotation).toMatchObject({ ok: true, records: printed.params.records });
    expect(printed.rotation.ms).toBeGreaterThan(0);
    for (const value of [
      printed.load.ratio,
      printed.save.ratioP50,
      printed.save.ratioP95,
      printed.unlock.ms,
      printed.memory.maxRssMiB,
      printed.memory.loadPeakMiB,
    ]) {
      expect(Number.isFinite(value) && value > 0).toBe(true);
    }
    const metrics = printed.rows.map((r: { metric: string }) => r.metric).join('\n');
    for (const name of [
      'load ratio',
      'save ratio p50',
      'save ratio p95',
      'unlock',
      'KDF alone',
      'verify',
      'peak memory',
      'rotate the vault key',
    ]) {
      expect(metrics).toContain(name);
    }
    // The temporary vault and plaintext copy are gone afterwards.
    expect((await readdir(root)).filter((n) => n.startsWith('attune-bench-'))).toEqual([]);
  });

  it('refuses nonsense sizes with exit code 2', async () => {
    expect((await cli(['bench', '--notes', '5', '--clients', '10'])).code).toBe(2);
    expect((await cli(['bench', '--runs', 'x'])).code).toBe(2);
  });
});

describe('bench helpers', () => {
  it('takes nearest-rank percentiles', () => {
    const values = Array.from({ length: 200 }, (_, i) => 200 - i);
    expect(percentile(values, 50)).toBe(100);
    expect(percentile(values, 95)).toBe(190);
    expect(median([3, 1, 2])).toBe(2);
  });

  it('trims demo data to an exact note count without leaving dangling references', () => {
    const data = trimToNotes(generateDemo({ clients: 7, sessionsPerClient: 5, seed: 1 }), 31);
    expect(data.notes).toHaveLength(31);
    const sessions = new Set(data.sessions.map((s) => s.id));
    expect(data.sessions).toHaveLength(31);
    for (const n of data.notes) expect(sessions.has(n.sessionId)).toBe(true);
    for (const p of data.processNotes) expect(data.notes.some((n) => n.id === p.noteId)).toBe(true);
  });

  it('prints an aligned table with a pass/fail column', () => {
    const table = benchTable([
      { metric: 'load ratio', value: '1.10×', target: '≤ 1.5×', result: 'pass' },
      { metric: '  detail', value: '12 ms', target: '', result: 'info' },
    ]);
    const lines = table.split('\n');
    expect(lines[0]).toMatch(/^metric\s+\|\s+value \| target\s+\| pass\/fail$/);
    expect(lines[2]).toMatch(/\| pass$/);
    expect(lines[1]).toMatch(/^-+\+-+\+-+\+-+$/);
    const rows = [lines[0]!, lines[2]!, lines[3]!];
    expect(new Set(rows.map((l) => l.indexOf('|')))).toHaveProperty('size', 1);
    expect(lines[3]).toMatch(/\|$/);
  });
});
