import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { REVIEW_KDF_BOUNDS, reviewKdfProblem, TOO_MUCH_WORK } from '../../../main/services/review/reviewKdf';
import { openPacketFile, writePacketFile } from '../../../main/services/review/reviewFiles';
import { sha256Hex } from '../../../main/vault/binary';
import { DEFAULT_KDF, type KdfParams, kdfParamsProblem } from '../../../main/vault/kdf';
import {
  everything,
  expectKind,
  hashTree,
  openReviewerHarness,
  openReviewHarness,
  PACKET_PASS,
  PASS,
  seedCase,
} from './reviewKit';

/** A packet file from a seeded clinician vault. */
async function exportedPacket() {
  const clinician = await openReviewHarness();
  const seeded = await seedCase(clinician.services);
  return clinician.review.exportPacket(
    { clientId: seeded.client.id, include: everything, extraNames: [], shiftDates: true },
    PACKET_PASS,
  );
}

/** The file with other KDF settings in its header and its `check` recomputed, as a careful forger would. */
function withKdf(bytes: Buffer, kdf: KdfParams): Buffer {
  const end = bytes.indexOf(0x0a);
  const header = JSON.parse(bytes.subarray(0, end).toString('utf8'));
  header.kdf = { ...kdf, salt: header.kdf.salt };
  const { check: _check, ...rest } = header;
  header.check = sha256Hex(JSON.stringify(rest)).slice(0, 32);
  return Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), bytes.subarray(end + 1)]);
}

const GiB = 1024 * 1024;
/** Settings the vault's own bounds accept, each far more work than a review file needs. */
const hostile: Array<[string, KdfParams]> = [
  ['1 GiB, t=4, p=4', { memoryKiB: GiB, iterations: 4, parallelism: 4 }],
  ['huge memory', { memoryKiB: 256 * 1024, iterations: 1, parallelism: 1 }],
  ['many passes', { memoryKiB: 8192, iterations: 10, parallelism: 1 }],
  ['many lanes', { memoryKiB: 65536, iterations: 3, parallelism: 4 }],
  ['memory × passes', { memoryKiB: 131072, iterations: 4, parallelism: 1 }],
];

describe('key-derivation bounds of review files', () => {
  it('allow the default and up to about twice its work, nothing more', () => {
    expect(reviewKdfProblem(DEFAULT_KDF)).toBeNull();
    expect(reviewKdfProblem({ memoryKiB: 131072, iterations: 3, parallelism: 2 })).toBeNull();
    expect(reviewKdfProblem({ memoryKiB: 8192, iterations: 6, parallelism: 1 })).toBeNull();
    expect(REVIEW_KDF_BOUNDS.maxWorkKiBPasses).toBe(2 * 65536 * 3);
    for (const [what, kdf] of hostile) {
      expect(kdfParamsProblem(kdf), `${what}: the vault's bounds take it`).toBeNull();
      expect(reviewKdfProblem(kdf), what).toBe('too-much');
    }
    expect(reviewKdfProblem({ memoryKiB: 4096, iterations: 1, parallelism: 1 })).toBe('too-little');
    expect(reviewKdfProblem({ memoryKiB: 65536, iterations: 0, parallelism: 1 })).toBe('too-little');
    expect(reviewKdfProblem({ memoryKiB: 65536.5, iterations: 3, parallelism: 1 })).toBe('too-much');
  });

  it('refuse a hostile header quickly, before deriving any key, and change nothing', async () => {
    const { path } = await exportedPacket();
    const bytes = await readFile(path);
    const reviewer = await openReviewerHarness();
    const before = await hashTree(reviewer.location);
    for (const [what, kdf] of hostile) {
      await writeFile(path, withKdf(bytes, kdf));
      const started = performance.now();
      const message = await expectKind(reviewer.review.openPacket(path, PACKET_PASS), 'integrity');
      // Deriving with any of these takes seconds (1 GiB, t=4: a minute); refusing takes a moment.
      expect(performance.now() - started, what).toBeLessThan(1000);
      expect(message, what).toBe(TOO_MUCH_WORK);
    }
    expect(await hashTree(reviewer.location)).toEqual(before);
    expect(await reviewer.review.listPackets()).toEqual([]);
  });

  it('refuse to write a file with settings its reader would refuse', async () => {
    const { path } = await exportedPacket();
    const { packet } = await openPacketFile(path, PACKET_PASS);
    const started = performance.now();
    await expectKind(
      writePacketFile(packet, PACKET_PASS, `${path}.2.attune-review`, { kdf: hostile[0]![1] }),
      'invalid-input',
    );
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('a packet opened before these bounds with a hostile setting cannot make comment export derive', async () => {
    const { path } = await exportedPacket();
    const reviewer = await openReviewerHarness();
    const packet = await reviewer.review.openPacket(path, PACKET_PASS);
    await reviewer.review.saveComment({ packetId: packet.packetId, target: { kind: 'case' }, text: 'Hm.' });
    // As an older Attune would have stored it: the header's settings, accepted then.
    const vault = reviewer.session.vault;
    const record = await vault.get<{ passphraseCheck: { kdf: KdfParams } }>('review-packet', packet.packetId);
    await vault.put('review-packet', packet.packetId, {
      ...record,
      passphraseCheck: { ...record.passphraseCheck, kdf: hostile[0]![1] },
    });
    // After a lock no key is kept, so the stored settings would be used.
    await reviewer.session.lock('user');
    await reviewer.session.unlock({ passphrase: PASS });
    const started = performance.now();
    expect(
      await expectKind(reviewer.review.exportComments(packet.packetId, 'Sam', PACKET_PASS), 'integrity'),
    ).toBe(TOO_MUCH_WORK);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('the key of an opened packet', () => {
  /** A packet made with the heaviest settings review files allow, so a derivation shows in the time. */
  async function heavyPacket() {
    const clinician = await openReviewHarness();
    const seeded = await seedCase(clinician.services);
    const { path } = await clinician.review.exportPacket(
      { clientId: seeded.client.id, include: everything, extraNames: [], shiftDates: true },
      PACKET_PASS,
    );
    const { packet } = await openPacketFile(path, PACKET_PASS);
    const heavy: KdfParams = { memoryKiB: 131072, iterations: 3, parallelism: 1 };
    await writePacketFile(packet, PACKET_PASS, path, { kdf: heavy });
    return { clinician, path };
  }

  const saltOf = async (file: string) => {
    const bytes = await readFile(file);
    return JSON.parse(bytes.subarray(0, bytes.indexOf(0x0a)).toString('utf8')).kdf.salt as string;
  };

  it('seals the comments file without deriving again, and the clinician opens it', async () => {
    const { clinician, path } = await heavyPacket();
    const reviewer = await openReviewerHarness();
    let started = performance.now();
    const packet = await reviewer.review.openPacket(path, PACKET_PASS);
    const opening = performance.now() - started;
    await reviewer.review.saveComment({ packetId: packet.packetId, target: { kind: 'case' }, text: 'Good.' });

    await expectKind(
      reviewer.review.exportComments(packet.packetId, 'Sam', 'not the passphrase'),
      'wrong-passphrase',
    );
    started = performance.now();
    const out = await reviewer.review.exportComments(packet.packetId, 'Sam', PACKET_PASS);
    const exporting = performance.now() - started;
    // One derivation of 128 MiB × 3 dominates the opening; the export has none.
    expect(exporting).toBeLessThan(opening / 3);
    expect(await saltOf(out.path)).toBe(await saltOf(path));
    expect(await clinician.review.importComments(out.path, PACKET_PASS)).toMatchObject({ imported: 1 });
  }, 60_000);

  it('is dropped at lock: the next export derives it once from the passphrase, then keeps it', async () => {
    const { clinician, path } = await heavyPacket();
    const reviewer = await openReviewerHarness();
    const packet = await reviewer.review.openPacket(path, PACKET_PASS);
    await reviewer.review.saveComment({ packetId: packet.packetId, target: { kind: 'case' }, text: 'Good.' });
    await reviewer.session.lock('user');
    await reviewer.session.unlock({ passphrase: PASS });

    await expectKind(
      reviewer.review.exportComments(packet.packetId, 'Sam', 'not the passphrase'),
      'wrong-passphrase',
    );
    let started = performance.now();
    const first = await reviewer.review.exportComments(packet.packetId, 'Sam', PACKET_PASS);
    const deriving = performance.now() - started;
    started = performance.now();
    const second = await reviewer.review.exportComments(packet.packetId, 'Sam', PACKET_PASS);
    expect(performance.now() - started).toBeLessThan(deriving / 3);
    for (const out of [first, second]) {
      expect(await clinician.review.importComments(out.path, PACKET_PASS)).toMatchObject({
        packetId: packet.packetId,
      });
    }
  }, 60_000);
});
