import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type SyncedVault, SyncedVault as Vault2 } from '../../main/vault/v2/SyncedVault';
import { AttuneError } from '../../shared/errors';
import { createRng } from './createRng';
import { FolderSync } from './folderSync';
import { SYNC_TOOLS, type SyncTool } from './syncTools';
import { unsyncedFs } from './unsyncedFs';

/**
 * One seeded scenario of the sync simulator (issue 11): N computers, each with its own copy of
 * the vault folder, joined by a model of a folder-sync tool (folderSync.ts); random edits on each
 * computer through the format-2 engine while the tool moves files in any order, late, partially,
 * or as conflict copies; then everything is delivered and the properties are checked against a
 * model of what was committed, kept here independently of the engine.
 */

const kdf = { memoryKiB: 8192, iterations: 1, parallelism: 1 };
const PASS = 'a passphrase for the simulator';
const KINDS = ['client', 'note'] as const;
const TEXTS = [
  'plain words',
  'Zoë’s session — 😀',
  'line\nbreaks\tand tabs',
  '"quotes" \\ and \u2028',
  'ä'.repeat(300),
];

export interface ScenarioOptions {
  seed: number;
  tool?: SyncTool;
  devices?: number;
  rounds?: number;
  /** Let the tool put back older versions of files ("newer wins" gone wrong). */
  staleOverwrites?: boolean;
}

export interface ScenarioOutcome {
  seed: number;
  tool: SyncTool;
  devices: number;
  commits: number;
  conflictsMade: number;
  conflictsResolved: number;
  passphraseChanges: number;
  staleOverwrites: number;
  /** Packs of a computer's own log (FORMAT.md §6.1) found in the folders at the end. */
  packs: number;
  /** Problems a device reported at the end (rollbacks when stale overwrites were on). */
  reported: string[];
  /** Property violations; empty when the scenario passed. */
  failures: string[];
  log: string[];
}

/** A committed op as the model keeps it: its marker and the markers the writer saw as current. */
interface ModelOp {
  marker: string;
  deleted: boolean;
  basedOn: string[];
}

interface Value {
  marker: string;
  text: string;
}

export async function runSyncScenario(root: string, options: ScenarioOptions): Promise<ScenarioOutcome> {
  const rng = createRng(options.seed);
  const tool = options.tool ?? rng.pick(SYNC_TOOLS);
  const count = options.devices ?? 2 + rng.int(3);
  const rounds = options.rounds ?? 30 + rng.int(30);
  const folders = Array.from({ length: count }, (_, i) => join(root, `computer-${i}`));
  const hexes = Array.from({ length: count }, (_, i) => rng.bytes(16).toString('hex') || String(i));
  const sync = new FolderSync({
    folders,
    seed: options.seed,
    tool,
    faults: options.staleOverwrites ? {} : { staleOverwriteRate: 0 },
  });
  const log: string[] = [];
  const vaults: Array<SyncedVault | null> = folders.map(() => null);
  const model = new Map<string, ModelOp[]>();
  const outcome: ScenarioOutcome = {
    seed: options.seed,
    tool,
    devices: count,
    commits: 0,
    conflictsMade: 0,
    conflictsResolved: 0,
    passphraseChanges: 0,
    staleOverwrites: 0,
    packs: 0,
    reported: [],
    failures: [],
    log,
  };
  let counter = 0;
  const nextValue = (device: number): Value => ({ marker: `d${device}-${++counter}`, text: rng.pick(TEXTS) });
  const record = (key: string, op: ModelOp) => {
    const list = model.get(key) ?? [];
    list.push(op);
    model.set(key, list);
    outcome.commits++;
  };
  const options2 = (i: number) => ({
    fs: unsyncedFs,
    device: { hex: hexes[i] as string, name: `Computer ${i}` },
    heartbeatMs: 0,
    // Pack at nearly every lock (FORMAT.md §6.1), so that packs cross the sync tool like any file:
    // arriving before or after the segments they cover, put back older, copied in conflict.
    packMinFrames: 3,
  });

  /** Every passphrase set so far, newest last: a computer opens with the newest its files know. */
  const passphrases = [PASS];
  const tryOpen = async (i: number): Promise<void> => {
    for (const passphrase of [...passphrases].reverse()) {
      try {
        vaults[i] = await Vault2.open(folders[i] as string, { passphrase }, options2(i));
        log.push(`d${i} opened`);
        return;
      } catch (error) {
        if (error instanceof AttuneError && error.kind === 'wrong-passphrase') continue;
        // The vault's files have not all arrived yet: try again later.
        if (!(error instanceof AttuneError)) throw error;
        log.push(`d${i} cannot open yet: ${error.kind}`);
        return;
      }
    }
    throw new Error(`d${i}: none of the passphrases set so far opens the vault`);
  };

  try {
    const created = await Vault2.create(folders[0] as string, PASS, { ...options2(0), kdf });
    vaults[0] = created.vault;

    for (let round = 0; round < rounds; round++) {
      const i = rng.int(count);
      const vault = vaults[i];
      if (!vault) {
        if (sync.device(i).online) await tryOpen(i);
      } else {
        await act(i, vault);
        await vaults[i]?.settled();
      }
      await sync.step();
      for (let j = 0; j < count; j++) {
        if (vaults[j] && rng.chance(0.5)) await vaults[j]?.refresh();
      }
      if (rng.chance(0.08)) {
        const d = 1 + rng.int(count - 1);
        sync.setOnline(d, !sync.device(d).online);
      }
    }

    // Everything arrives: settle the files, let every computer read them, until nothing changes.
    for (let pass = 0; pass < 20; pass++) {
      await sync.settle();
      let applied = 0;
      for (let i = 0; i < count; i++) {
        if (!vaults[i]) await tryOpen(i);
        applied += (await vaults[i]?.refresh())?.applied ?? 0;
      }
      if (applied === 0 && pass > 0) break;
    }
    await sync.settle();
    outcome.staleOverwrites = sync.stats.staleOverwrites;
    outcome.packs = await countPacks(folders);
    await check(outcome, vaults, model, options.staleOverwrites === true);
    if (outcome.passphraseChanges > 0 && !options.staleOverwrites) {
      // Once every key file has arrived, the first passphrase no longer opens the vault anywhere.
      await vaults[0]?.lock();
      vaults[0] = null;
      const old = await Vault2.open(folders[0] as string, { passphrase: PASS }, options2(0)).then(
        (v) => {
          vaults[0] = v;
          return 'opened';
        },
        (error: unknown) => (error instanceof AttuneError ? error.kind : String(error)),
      );
      if (old !== 'wrong-passphrase')
        outcome.failures.push(`the first passphrase, changed since, still gives: ${old}`);
      if (!vaults[0]) await tryOpen(0);
      if (!vaults[0]) outcome.failures.push('no passphrase set so far reopens the vault');
    }
  } finally {
    for (const v of vaults) await v?.lock().catch(() => undefined);
    await sync.dispose();
    log.push(...sync.log.slice(-60));
  }
  return outcome;

  async function act(i: number, vault: SyncedVault): Promise<void> {
    const roll = rng.next();
    const listed = vault.list().filter((r) => (KINDS as readonly string[]).includes(r.kind));
    const conflicts = vault.conflicts();
    const inConflict = new Set(conflicts.map((c) => `${c.kind}/${c.id}`));
    const editable = listed.filter((r) => !inConflict.has(`${r.kind}/${r.id}`));
    if (roll < 0.3 || editable.length === 0) {
      const value = nextValue(i);
      const kind = rng.pick(KINDS);
      const meta = await vault.put(kind, undefined, value);
      record(`${kind}/${meta.id}`, { marker: value.marker, deleted: false, basedOn: [] });
      log.push(`d${i} creates ${kind}/${meta.id} ${value.marker}`);
    } else if (roll < 0.7) {
      const r = rng.pick(editable);
      const seen = await vault.get<Value>(r.kind, r.id);
      const value = nextValue(i);
      await vault.put(r.kind, r.id, value);
      record(`${r.kind}/${r.id}`, { marker: value.marker, deleted: false, basedOn: [seen.marker] });
      log.push(`d${i} edits ${r.kind}/${r.id} ${seen.marker} -> ${value.marker}`);
    } else if (roll < 0.77) {
      const r = rng.pick(editable);
      const seen = await vault.get<Value>(r.kind, r.id);
      const { opId } = await vault.delete(r.kind, r.id);
      record(`${r.kind}/${r.id}`, { marker: `del:${opId}`, deleted: true, basedOn: [seen.marker] });
      log.push(`d${i} deletes ${r.kind}/${r.id} (was ${seen.marker})`);
    } else if (roll < 0.92 && conflicts.length > 0) {
      const c = rng.pick(conflicts);
      // A deleted version has no value to carry a marker: it is named by its op id.
      const seenMarkers = c.versions.map((v) => (v.deleted ? `del:${v.opId}` : (v.value as Value).marker));
      if (rng.chance(0.15)) {
        const { opId } = await vault.resolveConflict(c.kind, c.id, null);
        record(`${c.kind}/${c.id}`, { marker: `del:${opId}`, deleted: true, basedOn: seenMarkers });
      } else {
        const value = nextValue(i);
        await vault.resolveConflict(c.kind, c.id, value);
        record(`${c.kind}/${c.id}`, { marker: value.marker, deleted: false, basedOn: seenMarkers });
      }
      outcome.conflictsResolved++;
      log.push(`d${i} resolves ${c.kind}/${c.id} over ${seenMarkers.join(',')}`);
    } else if (roll >= 0.92 && roll < 0.935) {
      const next = `passphrase ${++counter}`;
      await vault.changePassphrase(next);
      passphrases.push(next);
      outcome.passphraseChanges++;
      log.push(`d${i} changes the passphrase`);
    } else if (roll < 0.97) {
      await vault.lock();
      vaults[i] = null;
      log.push(`d${i} locks`);
      await tryOpen(i);
    } else {
      await vault.appendAudit('export', { format: 'json' });
      outcome.commits++;
    }
  }
}

async function countPacks(folders: string[]): Promise<number> {
  let packs = 0;
  for (const folder of folders) {
    const devices = await readdir(join(folder, 'devices')).catch(() => [] as string[]);
    for (const d of devices) {
      const names = await readdir(join(folder, 'devices', d)).catch(() => [] as string[]);
      packs += names.filter((n) => /^pack-\d{6}\.bin$/.test(n)).length;
    }
  }
  return packs;
}

/** The model's heads: ops no other op of the record was based on. */
function liveOps(ops: ModelOp[]): ModelOp[] {
  const superseded = new Set(ops.flatMap((o) => o.basedOn));
  return ops.filter((o) => !superseded.has(o.marker));
}

async function check(
  outcome: ScenarioOutcome,
  vaults: Array<SyncedVault | null>,
  model: Map<string, ModelOp[]>,
  staleOverwrites: boolean,
): Promise<void> {
  const fail = (line: string) => outcome.failures.push(line);
  const views: string[] = [];
  let rollbackReported = false;
  for (const [i, vault] of vaults.entries()) {
    if (!vault) {
      fail(`d${i} never managed to open the vault`);
      continue;
    }
    const problems = vault.problems().filter((p) => p.type !== 'artefact');
    for (const p of problems) outcome.reported.push(`d${i} ${p.type}: ${p.message}`);
    if (problems.some((p) => p.type === 'rollback')) rollbackReported = true;
    const report = await vault.verify();
    if (!report.ok && !staleOverwrites) {
      fail(
        `d${i} verify failed: ${report.problems.map((p) => `${p.type} ${p.file}: ${p.message}`).join(' | ')}`,
      );
    }
    views.push(await viewOf(vault));
  }
  const distinct = new Set(views);
  if (distinct.size > 1 && !(staleOverwrites && rollbackReported)) {
    fail(`devices did not converge:\n${views.map((v, i) => `d${i}: ${v.slice(0, 600)}`).join('\n')}`);
  }
  outcome.conflictsMade = [...model.values()].filter((ops) => liveOps(ops).length > 1).length;
  // Nothing committed is lost, every concurrent edit is a conflict: each device shows exactly the
  // model's live versions of every record.
  const expected = expectedView(model);
  for (const [i, view] of views.entries()) {
    if (view !== expected && !(staleOverwrites && rollbackReported)) {
      fail(
        `d${i} does not show what was committed:\n  expected ${expected.slice(0, 800)}\n  shown    ${view.slice(0, 800)}`,
      );
      break;
    }
  }
}

/** What a device shows, as a canonical text: each record's live versions' markers (deletes counted). */
async function viewOf(vault: SyncedVault): Promise<string> {
  const lines: string[] = [];
  const conflicts = new Map(vault.conflicts().map((c) => [`${c.kind}/${c.id}`, c]));
  for (const [key, c] of conflicts) {
    const puts = c.versions
      .filter((v) => !v.deleted)
      .map((v) => (v.value as Value).marker)
      .sort();
    const deletes = c.versions.filter((v) => v.deleted).length;
    lines.push(`${key}=${puts.join('+')}${deletes ? `+${deletes}del` : ''}`);
  }
  for (const kind of KINDS) {
    for (const r of await vault.getAll<Value>(kind)) {
      const key = `${kind}/${r.id}`;
      if (!conflicts.has(key)) lines.push(`${key}=${r.value.marker}`);
    }
  }
  return lines.sort().join('\n');
}

function expectedView(model: Map<string, ModelOp[]>): string {
  const lines: string[] = [];
  for (const [key, ops] of model) {
    const live = liveOps(ops);
    const puts = live
      .filter((o) => !o.deleted)
      .map((o) => o.marker)
      .sort();
    const deletes = live.filter((o) => o.deleted).length;
    if (live.length > 1) lines.push(`${key}=${puts.join('+')}${deletes ? `+${deletes}del` : ''}`);
    else if (puts.length === 1) lines.push(`${key}=${puts[0]}`);
  }
  return lines.sort().join('\n');
}
