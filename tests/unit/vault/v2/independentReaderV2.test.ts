/**
 * FORMAT.md is enough to read a format-2 vault: vaults written by the real engine are read
 * by an independent reader (./independentReaderV2/) written from the text of FORMAT.md (and
 * the parts of FORMAT-v1.md it refers to) alone, using only node:crypto, node:fs and hash-wasm.
 * Only this test file imports the engine, to write the vaults and to compare what it shows.
 *
 * Where FORMAT.md was wrong, ambiguous or silent, found by reading the bytes the engine
 * writes (never its code); the reader follows the bytes and marks each place WRONG or GUESS:
 *
 * WRONG
 * - §4 AD_pass and AD_rec: the text puts u32(epoch) after vaultId in both; the engine's slots
 *   open only without it: AD_pass = ascii("attune/v2/wrap/passphrase") || vaultId ||
 *   u32(memoryKiB) || u32(iterations) || u32(parallelism) || salt, AD_rec =
 *   ascii("attune/v2/wrap/recovery") || vaultId || recoveryId. (core, the MAC and the checksum
 *   do include u32(epoch), as written.)
 * - §4 "copies them byte for byte" / "not byte-equal to the winning file": an adopted keys.json
 *   differs from the winner in its "deviceId" field (observed on the laptop after joining), so
 *   the files are never byte-equal across devices; say what is compared (core? all but deviceId?).
 * - §4 the keys.json example lacks "recoveryId" in keys.recovery (the text after it has it).
 *
 * AMBIGUOUS or SILENT (what the reader does, and what the bytes showed)
 * - §4 "a keys.json with a lower epoch than one a device has recorded in its seen.bin": whose
 *   keys.json against whose seen.bin? After a change on A, B's keys.json is legitimately below
 *   A's seen epoch until B unlocks. Reader: a device's own keys.json below its own seen epoch,
 *   or every keys.json below any seen epoch, is a rollback.
 * - §4 whether "deviceId" in keys.json must match its folder (it is not in core): not checked.
 * - §5 "ties broken by the op id's text": which way? Observed (two edits in the same ms): the
 *   HIGHER op id text wins (plain string order, so the device hex decides first).
 * - §5 revision of a record in conflict: the winning head's chain or the longest? Reader: the
 *   winning head's (the engine agreed where heads were of equal length).
 * - §7 "L ≥ 76": the body is 8 + 32 + 12 + 16 = 68 bytes plus a plaintext of at least
 *   padme(1024) = 1024 bytes, so every frame has L ≥ 1092; the text does not say where 76
 *   comes from. The reader checks the plaintext length equals padme(max(4 + P, 1024)).
 * - §7/§12 "ordered by at": the audit entry's `at` or its frame's? Equal in every frame seen;
 *   reader uses the entry's. Ties by device id ascending then seq (observed with one ms).
 * - §7 and FORMAT-v1.md §10: v2 adds audit types `device-join` (detail {device: <hex>}) and
 *   `conflict-resolved` (detail {kind, id, versions: <number of versions>}) that format 1's
 *   list lacks; and a v2 put or delete writes no audit entry (no create/update/delete).
 * - §13 Join: the device op, `device-join` and `unlock` are one frame (seq 1), not two commits.
 * - §8 forks: "only the one whose chain continues (by prev) from the applied frames" does not
 *   choose when both continue (one device's folder used on two computers: same prev). Observed:
 *   the frame with the LOWEST hash is kept (it changes from run to run with the nonces).
 * - §8 with §9: a frame present but not applied (after a gap) — is a claim on it "present, hash
 *   differs" or "fewer applied frames"? Reader: fewer applied (rollback or waiting).
 * - §8 torn tails: "of another device ... still arriving" vs "own newest segment": an outside
 *   reader has no "own"; both are ignored, so the difference only matters to a writer.
 * - §11 Dropbox " (1)": after the whole suffix or inside it? Characters allowed in Dropbox's
 *   <computer> and OneDrive's <COMPUTERNAME>? iCloud numbers above 2? Suffixes stacked (a copy
 *   of a copy)? Reader accepts all of these; where a copy is read relative to its original.
 * - §1 "where a string appears it is sp(s)": yet every label in §3, §4, §7, §9, §10 is ascii()
 *   without a length byte; say that labels are ascii and sp is for kinds and ids only (none of
 *   which appear in a v2 AD).
 * - §6 segment size: a frame larger than the limit is still appended (a 200 KB value made a
 *   204 KB segment with a 4 KiB limit), consistent with "until it holds at least".
 */
import { createCipheriv, randomBytes } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SyncedVault } from '../../../../main/vault/v2/SyncedVault';
import { ascii, openSealed, u32 } from './independentReaderV2/bytes';
import { padme } from './independentReaderV2/framePayloadV2';
import { readKeysFiles, unlock } from './independentReaderV2/keySlotsV2';
import { readMarker } from './independentReaderV2/markerV2';
import { readVaultV2, type VaultRead } from './independentReaderV2/readVaultV2';
import { originalName } from './independentReaderV2/syncArtefactNames';
import { syncFolder } from './syncFolder';

const kdf = { memoryKiB: 8192, iterations: 1, parallelism: 1 };
const PASS = 'correct horse battery staple';
const NEW_PASS = 'a new and better passphrase, caf\u00e9'; // é composed (NFC)
const A = 'a'.repeat(32);
const B = 'b'.repeat(32);

const roots: string[] = [];
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(roots.splice(0).map((r) => rm(r, { recursive: true, force: true })));
});

async function tempRoot(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'attune-reader-v2-'));
  roots.push(root);
  return root;
}

async function oneDevice(options: { segmentBytes?: number; packMinFrames?: number } = {}) {
  const dir = join(await tempRoot(), 'vault');
  const { vault, recoveryKey } = await SyncedVault.create(dir, PASS, {
    kdf,
    device: { hex: A, name: 'Office iMac' },
    heartbeatMs: 0,
    ...options,
  });
  return { dir, vault, recoveryKey };
}

async function twoDevices() {
  const root = await tempRoot();
  const dirA = join(root, 'office');
  const dirB = join(root, 'laptop');
  const { vault: a, recoveryKey } = await SyncedVault.create(dirA, PASS, {
    kdf,
    device: { hex: A, name: 'Office iMac' },
    heartbeatMs: 0,
  });
  await syncFolder(dirA, dirB, B);
  const b = await SyncedVault.open(
    dirB,
    { passphrase: PASS },
    { device: { hex: B, name: 'Laptop' }, heartbeatMs: 0 },
  );
  await syncFolder(dirB, dirA, A);
  await a.refresh();
  return { a, b, dirA, dirB, recoveryKey };
}

/** The records the engine shows, as the reader reports them (kind, id, value), sorted. */
async function engineRecords(v: SyncedVault, kinds: string[]) {
  const out: Array<{ kind: string; id: string; value: unknown; rev: number }> = [];
  for (const kind of kinds) {
    for (const { id, rev } of v.list(kind)) out.push({ kind, id, value: await v.get(kind, id), rev });
  }
  return sortRecords(out);
}

const sortRecords = <T extends { kind: string; id: string }>(rs: T[]): T[] =>
  [...rs].sort((x, y) => `${x.kind}/${x.id}`.localeCompare(`${y.kind}/${y.id}`));

const auditTexts = (r: VaultRead) =>
  r.audit.map(({ seq, at, type, detail, prev }) => ({ seq, at, type, detail, prev }));
const engineAudit = (v: SyncedVault) => v.readAudit().map((a) => a.entry);
const problemsOf = (r: VaultRead, type: string) => r.problems.filter((p) => p.type === type);

/** Byte offsets of the frames of a segment: after the 25-byte header, each frame is 12 + L bytes. */
function frameOffsets(segment: Buffer): number[] {
  const out: number[] = [];
  for (let pos = 25; pos < segment.length; pos += 12 + segment.readUInt32BE(pos + 4)) out.push(pos);
  return out;
}

/**
 * Re-seals the last frame of a device's first segment with its audit texts changed by `edit`: a
 * forgery only the key holder can make, to show the reader checks each device's audit chain
 * and not just the frames' authenticity.
 */
async function forgeLastFrameAudit(
  dir: string,
  deviceHex: string,
  edit: (entry: Record<string, unknown>) => void,
) {
  const vaultId = await readMarker(dir);
  const { files } = await readKeysFiles(dir, [deviceHex], vaultId);
  const { keys } = await unlock(files, vaultId, { passphrase: PASS });
  const seg = join(dir, 'devices', deviceHex, 'log-000001.bin');
  const bytes = await readFile(seg);
  const at = frameOffsets(bytes).at(-1) as number;
  const body = bytes.subarray(at + 12);
  const head = body.subarray(0, 40); // u64(seq) || prev
  const ad = Buffer.concat([ascii('attune/v2/log'), vaultId, Buffer.from(deviceHex, 'hex'), head]);
  const plain = openSealed(keys.log, body.subarray(40), ad) as Buffer;
  const payload = plain.subarray(4, 4 + plain.readUInt32BE(0));
  const M = payload.readUInt32BE(0);
  const meta = JSON.parse(payload.subarray(4, 4 + M).toString('utf8')) as { audit: string[] };
  meta.audit = meta.audit.map((text) => {
    const entry = JSON.parse(text) as Record<string, unknown>;
    edit(entry);
    return JSON.stringify(entry);
  });
  const metaBytes = Buffer.from(JSON.stringify(meta), 'utf8');
  const newPayload = Buffer.concat([u32(metaBytes.length), metaBytes, payload.subarray(4 + M)]);
  const padded = Buffer.alloc(padme(Math.max(4 + newPayload.length, 1024)));
  Buffer.concat([u32(newPayload.length), newPayload]).copy(padded);
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys.log, nonce);
  cipher.setAAD(ad);
  const sealed = Buffer.concat([nonce, cipher.update(padded), cipher.final(), cipher.getAuthTag()]);
  const newBody = Buffer.concat([head, sealed]);
  const L = newBody.length;
  const frame = Buffer.concat([ascii('ATF2'), u32(L), u32((L ^ 0xffffffff) >>> 0), newBody]);
  await writeFile(seg, Buffer.concat([bytes.subarray(0, at), frame]));
}

// Each test runs several Argon2id derivations and engine opens on real folders: on a loaded
// two-core machine one took over the default 30 s.
describe('FORMAT.md is enough to read a format-2 vault', { timeout: 120_000 }, () => {
  it('reads one device: vault id, both secrets, every record, the audit chain and the device name', async () => {
    const { dir, vault, recoveryKey } = await oneDevice();
    const c = await vault.put('client', undefined, { code: 'C-1', note: 'Zoë – 😀 "quoted" \\ \u2028' });
    await vault.put('client', c.id, { code: 'C-1', note: 'second' });
    const gone = await vault.put('note', undefined, { text: 'to be deleted' });
    await vault.put('note', 'n-1', { text: 'a note with a chosen id', dims: [1, 2, null] });
    await vault.delete('note', gone.id);
    await vault.appendAudit('export', { format: 'json', count: 2, ok: true });
    const expectedRecords = await engineRecords(vault, ['client', 'note']);
    const expectedAudit = engineAudit(vault);
    await vault.lock();

    const marker = JSON.parse(await readFile(join(dir, 'attune-vault.json'), 'utf8')) as { vaultId: string };
    const byPass = await readVaultV2(dir, { passphrase: PASS }, { self: A });
    const byRecovery = await readVaultV2(dir, { recoveryKey: recoveryKey.toLowerCase() }, { self: A });
    for (const read of [byPass, byRecovery]) {
      expect(read.vaultId).toBe(marker.vaultId);
      expect(read.epoch).toBe(1);
      expect(sortRecords(read.records)).toEqual(expectedRecords);
      expect(read.records.map((r) => r.id)).not.toContain(gone.id);
      expect(read.conflicts).toEqual([]);
      expect(read.deviceNames).toEqual(new Map([[A, 'Office iMac']]));
      expect(read.presence.get(A)).toMatchObject({ name: 'Office iMac', open: false, editing: [] });
      expect(read.problems).toEqual([]);
    }
    // The engine's audit view before locking, then the lock entry: same texts, same order.
    expect(auditTexts(byPass).slice(0, expectedAudit.length)).toEqual(expectedAudit);
    expect(byPass.audit.map((e) => e.type)).toEqual(['vault-create', 'export', 'lock']);
    expect(byPass.audit.find((e) => e.type === 'export')?.detail).toEqual({
      format: 'json',
      count: 2,
      ok: true,
    });
    await expect(readVaultV2(dir, { passphrase: 'not the passphrase' })).rejects.toThrow(/wrong secret/);
  });

  it('reads two devices: concurrent edits are one conflict with both versions, then the resolution', async () => {
    const { a, b, dirA, dirB } = await twoDevices();
    const note = await a.put('note', undefined, { text: 'draft' });
    const onB = await b.put('client', undefined, { code: 'B-1' });
    await syncFolder(dirA, dirB, B);
    await b.refresh();
    await a.put('note', note.id, { text: 'edited at the office' });
    await b.put('note', note.id, { text: 'edited on the laptop' });
    await syncFolder(dirA, dirB, B);
    await syncFolder(dirB, dirA, A);
    await a.refresh();
    await b.refresh();

    await a.setEditing([{ kind: 'note', id: note.id }]);
    await syncFolder(dirA, dirB, B);
    const inConflict = await readVaultV2(dirA, { passphrase: PASS }, { self: A });
    expect(inConflict.presence.get(A)).toMatchObject({
      name: 'Office iMac',
      open: true,
      editing: [{ kind: 'note', id: note.id }],
    });
    expect(inConflict.presence.get(B)).toMatchObject({ name: 'Laptop', open: true, editing: [] });
    expect(inConflict.deviceNames).toEqual(
      new Map([
        [A, 'Office iMac'],
        [B, 'Laptop'],
      ]),
    );
    expect(inConflict.conflicts).toHaveLength(1);
    const [conflict] = inConflict.conflicts;
    expect(conflict?.id).toBe(note.id);
    expect(conflict?.versions.map((v) => [v.deviceHex, v.value])).toEqual(
      expect.arrayContaining([
        [A, { text: 'edited at the office' }],
        [B, { text: 'edited on the laptop' }],
      ]),
    );
    expect(conflict?.versions).toHaveLength(2);
    // The record is listed with the winning head's value, the one the engine shows too.
    expect(sortRecords(inConflict.records)).toEqual(await engineRecords(a, ['note', 'client']));
    expect(inConflict.records.find((r) => r.id === onB.id)?.value).toEqual({ code: 'B-1' });

    await b.resolveConflict('note', note.id, { text: 'merged by hand' });
    await syncFolder(dirB, dirA, A);
    await a.refresh();
    const expectedAudit = engineAudit(a);
    await a.lock();
    await b.lock();
    await syncFolder(dirA, dirB, B);
    await syncFolder(dirB, dirA, A);

    for (const [dir, self] of [
      [dirA, A],
      [dirB, B],
    ] as const) {
      const read = await readVaultV2(dir, { passphrase: PASS }, { self });
      expect(read.conflicts).toEqual([]);
      expect(read.records.find((r) => r.id === note.id)?.value).toEqual({ text: 'merged by hand' });
      expect(read.problems).toEqual([]);
      // The merged audit log: the engine's (read on the office computer before locking) is a
      // prefix of it in the same order; every device's chain held (no problems above).
      expect(
        auditTexts(read).filter((e) => expectedAudit.some((x) => JSON.stringify(x) === JSON.stringify(e))),
      ).toEqual(expectedAudit);
      const types = read.audit.map((e) => e.type);
      expect(types).toEqual(
        expect.arrayContaining(['vault-create', 'device-join', 'conflict-resolved', 'lock']),
      );
      expect(new Set(read.audit.map((e) => e.deviceHex))).toEqual(new Set([A, B]));
    }
  });

  it('breaks ties of `at` as the engine does: the winning head by op id text, the audit log by device id', async () => {
    const { a, b, dirA, dirB } = await twoDevices();
    const note = await a.put('note', undefined, { text: 'draft' });
    await syncFolder(dirA, dirB, B);
    await b.refresh();
    // Both edits (and their audit entries) carry the same millisecond: only the tie-breaks order them.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-03T10:00:00.000Z'));
    await a.put('note', note.id, { text: 'office' });
    await a.appendAudit('export', { at: 'office' });
    await b.put('note', note.id, { text: 'laptop' });
    await b.appendAudit('export', { at: 'laptop' });
    vi.useRealTimers();
    await syncFolder(dirA, dirB, B);
    await syncFolder(dirB, dirA, A);
    await a.refresh();
    const expectedRecords = await engineRecords(a, ['note']);
    const expectedAudit = engineAudit(a);
    const read = await readVaultV2(dirA, { passphrase: PASS }, { self: A });
    expect(read.conflicts).toHaveLength(1);
    expect(read.conflicts[0]?.versions.map((v) => v.at)).toEqual([
      '2026-12-03T10:00:00.000Z',
      '2026-12-03T10:00:00.000Z',
    ]);
    expect(sortRecords(read.records)).toEqual(expectedRecords);
    expect(read.records[0]?.value).toEqual({ text: 'laptop' }); // op id "bbbb…:2:0" is above "aaaa…:3:0"
    expect(auditTexts(read).slice(0, expectedAudit.length)).toEqual(expectedAudit);
    expect(read.audit.filter((e) => e.type === 'export').map((e) => e.detail.at)).toEqual([
      'office',
      'laptop',
    ]);
    await a.lock();
    await b.lock();
  });

  it('reads a vault after a passphrase change (epoch 2), and ignores a keys.json put back to epoch 1', async () => {
    const { a, b, dirA, dirB, recoveryKey } = await twoDevices();
    const epoch1OfB = await readFile(join(dirB, 'devices', B, 'keys.json'));
    const epoch1OfA = await readFile(join(dirA, 'devices', A, 'keys.json'));
    const c = await a.put('client', undefined, { code: 'after the change' });
    await a.changePassphrase(NEW_PASS);
    await a.lock();
    await b.lock();
    await syncFolder(dirA, dirB, B);
    const b2 = await SyncedVault.open(
      dirB,
      { passphrase: NEW_PASS },
      { device: { hex: B, name: 'Laptop' }, heartbeatMs: 0 },
    );
    await b2.lock();

    // The passphrase is normalised to NFC before Argon2id: the decomposed é opens it too.
    const read = await readVaultV2(dirB, { passphrase: NEW_PASS.normalize('NFD') }, { self: B });
    expect(read.epoch).toBe(2);
    expect(read.keysEpochs).toEqual(
      new Map([
        [A, 2],
        [B, 2],
      ]),
    );
    expect(read.records.find((r) => r.id === c.id)?.value).toEqual({ code: 'after the change' });
    expect(read.audit.map((e) => e.type)).toContain('passphrase-change');
    expect(read.problems).toEqual([]);
    expect((await readVaultV2(dirB, { recoveryKey }, { self: B })).epoch).toBe(2);
    await expect(readVaultV2(dirB, { passphrase: PASS })).rejects.toThrow(/wrong secret/);

    // A sync tool puts back the laptop's epoch-1 keys.json: the office's epoch 2 still wins, the
    // old passphrase still fails, and the laptop's own seen.bin (epoch 2) names the rollback.
    await writeFile(join(dirB, 'devices', B, 'keys.json'), epoch1OfB);
    await expect(readVaultV2(dirB, { passphrase: PASS })).rejects.toThrow(/wrong secret/);
    const oneBack = await readVaultV2(dirB, { passphrase: NEW_PASS }, { self: B });
    expect(oneBack.epoch).toBe(2);
    expect(oneBack.openedFrom).toBe(A);
    expect(problemsOf(oneBack, 'keys-rollback').map((p) => p.deviceHex)).toEqual([B]);

    // Both put back: the old passphrase opens the epoch-1 slots, and the rollback is named.
    await writeFile(join(dirB, 'devices', A, 'keys.json'), epoch1OfA);
    const bothBack = await readVaultV2(dirB, { passphrase: PASS }, { self: B });
    expect(bothBack.epoch).toBe(1);
    expect(problemsOf(bothBack, 'keys-rollback').length).toBeGreaterThan(0);
  });

  it('reads many records spread over several log segments', async () => {
    const { dir, vault } = await oneDevice({ segmentBytes: 4096 });
    for (let i = 0; i < 12; i++)
      await vault.put('client', `c-${i}`, { code: `C-${i}`, pad: 'x'.repeat(i * 300) });
    // A value far above the segment size: Padmé rounding at a larger length, and a long frame.
    await vault.put('note', 'long', { text: 'é'.repeat(100_000) });
    const expected = await engineRecords(vault, ['client', 'note']);
    await vault.lock();
    const segments = (await readdir(join(dir, 'devices', A))).filter((n) => n.startsWith('log-'));
    expect(segments.length).toBeGreaterThanOrEqual(2);
    const read = await readVaultV2(dir, { passphrase: PASS }, { self: A });
    expect(sortRecords(read.records)).toEqual(expected);
    expect(read.records).toHaveLength(13);
    expect(read.problems).toEqual([]);
  });

  it('reads a device through its pack (§6.1): segments below the pack’s last are not needed, later frames come from that segment after E; a damaged pack is set aside', async () => {
    const { dir, vault } = await oneDevice({ segmentBytes: 4096, packMinFrames: 5 });
    for (let i = 0; i < 12; i++)
      await vault.put('client', `c-${i}`, { code: `C-${i}`, pad: 'x'.repeat(i * 300) });
    await vault.lock();
    // Saved after the pack: they go on in the pack's last segment (or later ones).
    const again = await SyncedVault.open(
      dir,
      { passphrase: PASS },
      { device: { hex: A, name: 'Office iMac' }, heartbeatMs: 0, packMinFrames: 0 },
    );
    await again.put('client', 'after', { code: 'C-after' });
    const expected = await engineRecords(again, ['client']);
    const expectedAudit = engineAudit(again);
    await again.lock();
    const folder = join(dir, 'devices', A);
    const names = await readdir(folder);
    const pack = names.find((n) => /^pack-\d{6}\.bin$/.test(n));
    expect(pack).toBeDefined();
    const K = Number(pack!.slice(5, 11));
    expect(K).toBeGreaterThan(1);
    // The frames of segments below K exist only in the pack for this reader: move them out.
    const aside = join(dir, '..', 'aside');
    await cp(folder, aside, { recursive: true });
    for (const n of names.filter((n) => /^log-\d{6}\.bin$/.test(n) && Number(n.slice(4, 10)) < K))
      await rm(join(folder, n));
    const read = await readVaultV2(dir, { passphrase: PASS }, { self: A });
    expect(sortRecords(read.records)).toEqual(expected);
    // Every entry the engine showed, then the lock's, which was committed after.
    expect(auditTexts(read).slice(0, expectedAudit.length)).toEqual(expectedAudit);
    expect(auditTexts(read)).toHaveLength(expectedAudit.length + 1);
    expect(read.problems).toEqual([]);
    // A pack with a flipped byte is not used: with the segments back, everything is still read.
    await rm(folder, { recursive: true });
    await cp(aside, folder, { recursive: true });
    const bytes = await readFile(join(folder, pack!));
    bytes[bytes.length - 20]! ^= 1;
    await writeFile(join(folder, pack!), bytes);
    const fallback = await readVaultV2(dir, { passphrase: PASS }, { self: A });
    expect(sortRecords(fallback.records)).toEqual(expected);
    expect(fallback.problems.map((p) => p.type)).toEqual(['damage']);
  });

  it("reads a conflict copy of another device's segment as more of its frames, and waits for a frame still arriving", async () => {
    const { a, b, dirA, dirB } = await twoDevices();
    const seg = join('devices', A, 'log-000001.bin');
    await a.put('client', 'early', { code: 'early' });
    const older = await readFile(join(dirA, seg));
    await a.put('client', 'late', { code: 'late' });
    const expected = await engineRecords(a, ['client']);
    await a.lock();
    await b.lock();
    // The newer segment arrives as a Syncthing conflict copy beside an older copy of itself.
    await writeFile(join(dirB, seg), older);
    await cp(
      join(dirA, seg),
      join(dirB, 'devices', A, 'log-000001.sync-conflict-20261203-101010-ABCDEFG.bin'),
    );
    const read = await readVaultV2(dirB, { passphrase: PASS }, { self: B });
    expect(sortRecords(read.records)).toEqual(expected);
    expect(read.problems).toEqual([]);

    // Only part of the newest frame has arrived: the frames before it count, it waits.
    await rm(join(dirB, 'devices', A, 'log-000001.sync-conflict-20261203-101010-ABCDEFG.bin'));
    const full = await readFile(join(dirA, seg));
    await writeFile(join(dirB, seg), full.subarray(0, full.length - 100));
    const arriving = await readVaultV2(dirB, { passphrase: PASS });
    expect(arriving.problems.map((p) => p.type)).toEqual(['torn-tail']);
    expect(sortRecords(arriving.records)).toEqual(expected);
    // The engine reads the same folder the same way.
    const engine = await SyncedVault.open(
      dirB,
      { passphrase: PASS },
      { device: { hex: B, name: 'Laptop' }, heartbeatMs: 0 },
    );
    expect(await engineRecords(engine, ['client'])).toEqual(expected);
    await engine.lock();
  });

  it("reports a fork (one device's folder used on two computers) and keeps the records the engine keeps", async () => {
    const { dir, vault } = await oneDevice();
    await vault.lock();
    const copy = `${dir}-copy`;
    await cp(dir, copy, { recursive: true });
    for (const [folder, id] of [
      [dir, 'on-one'],
      [copy, 'on-two'],
    ] as const) {
      const v = await SyncedVault.open(
        folder,
        { passphrase: PASS },
        { device: { hex: A, name: 'Office iMac' }, heartbeatMs: 0 },
      );
      await v.put('client', id, { code: id });
      await v.lock();
    }
    const seg = join('devices', A, 'log-000001.bin');
    await writeFile(
      join(dir, 'devices', A, 'log-000001.sync-conflict-20261203-101010-ABCDEFG.bin'),
      await readFile(join(copy, seg)),
    );
    const read = await readVaultV2(dir, { passphrase: PASS }, { self: A });
    expect(problemsOf(read, 'fork').length).toBeGreaterThan(0);
    const engine = await SyncedVault.open(
      dir,
      { passphrase: PASS },
      { device: { hex: A, name: 'Office iMac' }, heartbeatMs: 0 },
    );
    // Which branch is kept is decided by the lower hash of the first forked frame (observed),
    // so it differs from run to run; the reader and the engine must keep the same one.
    expect(sortRecords(read.records)).toEqual(await engineRecords(engine, ['client']));
    expect(read.records).toHaveLength(1);
    await engine.lock();
  });

  it("checks every device's audit chain: an entry whose prev does not follow is named", async () => {
    const { dir, vault } = await oneDevice();
    await vault.appendAudit('export', { format: 'json' });
    await vault.lock();
    expect((await readVaultV2(dir, { passphrase: PASS }, { self: A })).problems).toEqual([]);
    await forgeLastFrameAudit(dir, A, (entry) => {
      entry.prev = 'f'.repeat(64);
    });
    const read = await readVaultV2(dir, { passphrase: PASS }, { self: A });
    expect(problemsOf(read, 'audit-chain').map((p) => p.message)).toEqual([
      `${A}: entry 3 does not follow the previous entry`,
    ]);
    // The forged frame authenticates, but the device's own seen.bin names it as not the one it wrote.
    expect(problemsOf(read, 'tamper')).toHaveLength(1);
  });

  it('detects a flipped byte in a frame: damage from that frame on, earlier frames still count', async () => {
    const { dir, vault } = await oneDevice();
    const kept = await vault.put('client', undefined, { code: 'kept' });
    const hit = await vault.put('client', undefined, { code: 'in the damaged frame' });
    await vault.put('client', undefined, { code: 'after it' });
    await vault.lock();
    const seg = join(dir, 'devices', A, 'log-000001.bin');
    const bytes = await readFile(seg);
    const third = frameOffsets(bytes)[2] as number; // frames: create, kept, hit, after, lock
    const at = third + 12 + 60; // inside the ciphertext
    bytes.writeUInt8((bytes.readUInt8(at) ^ 0x01) & 0xff, at);
    await writeFile(seg, bytes);
    const read = await readVaultV2(dir, { passphrase: PASS }, { self: A });
    expect(problemsOf(read, 'damage').map((p) => p.message)).toEqual([
      expect.stringContaining(`offset ${third}`),
    ]);
    expect(read.records.map((r) => r.id)).toEqual([kept.id]);
    expect(read.records.map((r) => r.id)).not.toContain(hit.id);
  });

  it('detects a frame removed from the middle of a log', async () => {
    const { dir, vault } = await oneDevice();
    const kept = await vault.put('client', undefined, { code: 'kept' });
    await vault.put('client', undefined, { code: 'removed' });
    await vault.put('client', undefined, { code: 'after the gap' });
    await vault.lock();
    const seg = join(dir, 'devices', A, 'log-000001.bin');
    const bytes = await readFile(seg);
    const [, , third, fourth] = frameOffsets(bytes) as [number, number, number, number];
    await writeFile(seg, Buffer.concat([bytes.subarray(0, third), bytes.subarray(fourth)]));
    const read = await readVaultV2(dir, { passphrase: PASS }, { self: A });
    expect(problemsOf(read, 'unchained').map((p) => p.message)).toEqual([
      'frames 4, 5 do not chain on: frame 3 is missing',
    ]);
    expect(read.records.map((r) => r.id)).toEqual([kept.id]);
    // The device's own seen.bin claimed frame 5: the missing frames are named as a rollback too.
    expect(problemsOf(read, 'rollback')).toHaveLength(1);
  });

  it("detects a log put back to an older copy after another device's seen.bin claimed more", async () => {
    const { a, b, dirA, dirB } = await twoDevices();
    const seg = join('devices', A, 'log-000001.bin');
    const older = await readFile(join(dirA, seg));
    await a.put('client', undefined, { code: 'A-2' });
    await a.put('client', undefined, { code: 'A-3' });
    await syncFolder(dirA, dirB, B);
    await b.refresh();
    await b.lock();
    await a.lock();
    const before = await readVaultV2(dirB, { passphrase: PASS }, { self: B });
    expect(before.problems).toEqual([]);
    expect(before.records).toHaveLength(2);

    await writeFile(join(dirB, seg), older);
    const asLaptop = await readVaultV2(dirB, { passphrase: PASS }, { self: B });
    const rollback = problemsOf(asLaptop, 'rollback');
    expect(rollback).toHaveLength(1);
    expect(rollback[0]?.deviceHex).toBe(A);
    expect(rollback[0]?.message).toMatch(/Office iMac/);
    expect(asLaptop.records).toHaveLength(0);
    // Read from no device's point of view, the same claim is only "waiting".
    const outsider = await readVaultV2(dirB, { passphrase: PASS });
    expect(problemsOf(outsider, 'waiting').map((p) => p.message)).toEqual([
      'waiting for changes from Office iMac',
    ]);
  });
});

describe("the independent reader's sync artefact names (§11's table)", () => {
  const isSegment = (n: string) => /^log-\d{6}\.bin$/.test(n);
  it.each([
    ['log-000001.bin', 'log-000001.bin'],
    ['log-000001.sync-conflict-20261203-101010-ABCDEFG.bin', 'log-000001.bin'],
    ["log-000002 (Office iMac's conflicted copy 2026-12-03).bin", 'log-000002.bin'],
    ["log-000002 (Office iMac's conflicted copy 2026-12-03) (1).bin", 'log-000002.bin'],
    ['log-000001-LAPTOP-7.bin', 'log-000001.bin'],
    ['log-000001 2.bin', 'log-000001.bin'],
    ['log-000001 (1).bin', 'log-000001.bin'],
    ['log-000001 (conflicted copy 2026-12-03 101010).bin', 'log-000001.bin'],
    ['log-000001.sync-conflict-20261203-101010-ABCDEFG 2.bin', 'log-000001.bin'],
    ['.syncthing.log-000001.bin.tmp', null],
    ['~log-000001.bin.tmp', null],
    ['.log-000001.bin.icloud', null],
    ['seen.bin', null],
    ['log-1.bin', null],
  ])('%s is read as segment %s', (file, original) => {
    expect(originalName(file, isSegment)).toBe(original);
  });
});
