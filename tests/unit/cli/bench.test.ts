import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFixture, trimToNotes } from '../../../main/cli/bench/benchFixture';
import { benchTable } from '../../../main/cli/bench/benchReport';
import { fts5Query, measureFts5 } from '../../../main/cli/bench/fts5Reference';
import { loadPlainAsync, loadPlainSync, loadVault } from '../../../main/cli/bench/measureLoad';
import { measureSaves } from '../../../main/cli/bench/measureSave';
import { searchQueries } from '../../../main/cli/bench/searchQueries';
import { median, percentile } from '../../../main/cli/bench/stats';
import { generateDemo } from '../../../main/services/demo/generateDemo';
import { noteTexts } from '../../../main/services/noteText';
import { kinds } from '../../../main/services/RecordStore';
import { Vault } from '../../../main/vault/Vault';
import type { Note } from '../../../shared/domain/noteSchema';
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
      printed.load.ratioAsync,
      printed.load.plainAsyncMs,
      printed.searchReference.buildMs,
      printed.searchReference.warm.p50,
      printed.search.warmQuery.p50,
      printed.diagnosisSearch.p50,
      printed.diagnosisSearch.p95,
      printed.save.ratioP50,
      printed.save.ratioP95,
      printed.unlock.ms,
      printed.memory.maxRssMiB,
      printed.memory.loadPeakMiB,
    ]) {
      expect(Number.isFinite(value) && value > 0).toBe(true);
    }
    const metrics = printed.rows.map((r: { metric: string }) => r.metric).join('\n');
    expect(printed.load.pageCache).toBe('warm');
    expect(printed.load.loadAverage).toHaveLength(3);
    expect(printed.load.plainRuns).toHaveLength(1);
    expect(printed.load.plainAsyncRuns).toHaveLength(1);
    for (const row of printed.rows.filter((r: { result: string }) => r.result !== 'info')) {
      // Every figure with a target has the load average beside it.
      expect(row.load).toMatch(/^\d+\.\d\d \d+\.\d\d \d+\.\d\d$/);
    }
    for (const name of [
      'load ratio vs plaintext read the vault',
      'load ratio vs async reads',
      'checkpoints timed',
      'reference: SQLite',
      'search: first query after that',
      'search, warm p50',
      'save ratio p50',
      'save ratio p95',
      'unlock',
      'KDF alone',
      'verify',
      'peak memory',
      'peak resident memory, unlock to warm searches',
      'rotate the vault key',
    ]) {
      expect(metrics).toContain(name);
    }
    // The temporary vault and plaintext copy are gone afterwards.
    expect((await readdir(root)).filter((n) => n.startsWith('attune-bench-'))).toEqual([]);
    // The whole benchmark with the real KDF (a dozen derivations, two vault formats): ~30 s on a
    // loaded 2-core machine, more than a unit test's default limit.
  }, 180_000);

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

  it('prints an aligned table with a load average and a pass/fail column', () => {
    const table = benchTable([
      { metric: 'load ratio', value: '1.10×', target: '≤ 1.5×', result: 'pass', load: '0.52 0.40 0.31' },
      { metric: '  detail', value: '12 ms', target: '', result: 'info' },
    ]);
    const lines = table.split('\n');
    expect(lines[0]).toMatch(/^metric\s+\|\s+value \| target\s+\| load avg 1\/5\/15 \| pass\/fail$/);
    expect(lines[2]).toMatch(/\| 0\.52 0\.40 0\.31\s+\| pass$/);
    expect(lines[1]).toMatch(/^-+\+-+\+-+\+-+\+-+$/);
    const rows = [lines[0]!, lines[2]!, lines[3]!];
    expect(new Set(rows.map((l) => l.indexOf('|')))).toHaveProperty('size', 1);
    expect(lines[3]).toMatch(/\|$/);
  });
});

describe('bench measurements', () => {
  const fixtureIn = (root: string) => buildFixture(root, { notes: 40, clients: 4 }, () => undefined);

  it('reads the same records in the vault and in both plaintext baselines', async () => {
    const fixture = await fixtureIn(await tempDir());
    const [vault, sync, async] = [
      await loadVault(fixture),
      await loadPlainSync(fixture),
      await loadPlainAsync(fixture),
    ];
    expect(vault.records).toBe(fixture.records);
    expect(sync.records).toBe(fixture.records);
    expect(async.records).toBe(fixture.records);
    for (const kind of fixture.plainFiles.keys()) {
      expect(fixture.plainSizes.get(kind)).toHaveLength(fixture.plainFiles.get(kind)!.length);
    }
  });

  it('times enough saves to include checkpoints and counts them', { timeout: 120_000 }, async () => {
    const fixture = await fixtureIn(await tempDir());
    // 300 saves cross the 256-commit checkpoint interval once.
    const result = await measureSaves(fixture, 300);
    expect(result.checkpoints).toBe(1);
    const { vault, vaultPut } = result;
    expect(vault.p50).toBeLessThanOrEqual(vault.p99);
    expect(vault.p99).toBeLessThanOrEqual(vault.max);
    expect(vault.mean).toBeGreaterThan(0);
    expect(result.slowestMs[0]).toBe(vault.max);
    // The whole cost of a save includes its put.
    expect(vault.mean).toBeGreaterThanOrEqual(vaultPut.mean);
    expect(result.loadAverage).toHaveLength(3);
    // Nothing was left half-done: the vault opens and verifies.
    const opened = await Vault.open(fixture.vaultDir, { recoveryKey: fixture.recoveryKey });
    try {
      expect((await opened.verify()).ok).toBe(true);
    } finally {
      await opened.lock();
    }
  });

  it('makes FTS5 queries of every word as a required prefix', () => {
    expect(fts5Query('argument about Money')).toBe('"argument"* AND "about"* AND "money"*');
    expect(fts5Query('o\'brien "quoted"')).toBe('"o"* AND "brien"* AND "quoted"*');
  });

  it('finds with FTS5 the notes whose text has every query word as a word prefix', async () => {
    const fixture = await fixtureIn(await tempDir());
    const reference = await measureFts5(fixture, 1);
    expect(reference.notes).toBe(fixture.notes);
    expect(reference.engine).toMatch(/^SQLite [\d.]+ FTS5/);
    const vault = await Vault.open(fixture.vaultDir, { recoveryKey: fixture.recoveryKey });
    let texts: string[];
    try {
      texts = (await vault.getAll<Note>(kinds.note)).map(({ value }) =>
        noteTexts(value)
          .map((t) => t.text)
          .join('\n')
          .toLowerCase(),
      );
    } finally {
      await vault.lock();
    }
    for (const query of searchQueries) {
      const words = query.split(' ');
      const expected = texts.filter((text) =>
        words.every((w) => new RegExp(`(^|[^\\p{L}\\p{N}])${w}`, 'u').test(text)),
      ).length;
      expect(reference.found[query], query).toBe(expected);
    }
    expect(Object.values(reference.found).some((n) => n > 0)).toBe(true);
  });
});
