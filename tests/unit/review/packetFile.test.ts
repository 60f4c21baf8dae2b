import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { envelopeFormats, openEnvelope, sealEnvelope } from '../../../main/services/review/reviewEnvelope';
import { openCommentsFile, openPacketFile, writePacketFile } from '../../../main/services/review/reviewFiles';
import { sha256Hex } from '../../../main/vault/binary';
import { PACKET_VERSION, type ReviewPacket } from '../../../shared/review/packetSchema';
import { tempDir } from '../helpers/tempDir';
import {
  everything,
  expectKind,
  hashTree,
  OTHER_NAMES,
  openReviewerHarness,
  openReviewHarness,
  PACKET_PASS,
  seedCase,
  TEST_KDF,
} from './reviewKit';

/** A packet exported from a seeded clinician vault; its path and content. */
async function exported() {
  const clinician = await openReviewHarness();
  const seeded = await seedCase(clinician.services);
  const done = await clinician.review.exportPacket(
    { clientId: seeded.client.id, include: everything, extraNames: OTHER_NAMES, shiftDates: true },
    PACKET_PASS,
  );
  return { ...done, clinician, seeded };
}

const headerOf = (bytes: Buffer) => {
  const end = bytes.indexOf(0x0a);
  return { header: JSON.parse(bytes.subarray(0, end).toString('utf8')), body: bytes.subarray(end + 1) };
};
/** Rewrites the header, optionally recomputing its check as a careful forger would. */
const withHeader = (bytes: Buffer, edit: (h: Record<string, unknown>) => void, fixCheck: boolean) => {
  const { header, body } = headerOf(bytes);
  edit(header);
  if (fixCheck) {
    const { check: _check, ...rest } = header;
    header.check = sha256Hex(JSON.stringify(rest)).slice(0, 32);
  }
  return Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), body]);
};

describe('the .attune-review file', () => {
  it('is written atomically, readable by the owner only, with an audit entry and a record of the refs', async () => {
    const { path, clinician, seeded, packetId, sessions } = await exported();
    // Named by the packet's own (shifted) "made" date, not the real one (the clock's 2025-06-02).
    const made = (await openPacketFile(path, PACKET_PASS)).packet.createdAt.slice(0, 10);
    expect(made).not.toBe('2025-06-02');
    expect(path).toBe(join(clinician.exportsDir, `Client-A-${made}.attune-review`));
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(clinician.exportsDir)).mode & 0o777).toBe(0o700);
    const bytes = await readFile(path);
    const { header } = headerOf(bytes);
    expect(Object.keys(header)).toEqual(['format', 'version', 'kdf', 'nonce', 'keyCheck', 'check']);
    expect(header.format).toBe('attune-review');
    expect(header.kdf).toMatchObject({ memoryKiB: TEST_KDF.memoryKiB, iterations: 1, parallelism: 1 });
    // Nothing readable in the file: not even the alias.
    expect(bytes.toString('latin1')).not.toMatch(/Client A|attune-review-packet|sessionRef/);

    const vault = clinician.session.vault;
    const audit = (await vault.readAudit()).filter((e) => e.type === 'export');
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).toMatchObject({
      what: 'review-packet',
      sessions: 3,
      processNotes: false,
      id: packetId,
    });
    const record = await vault.get<{ refs: { sessions: Record<string, string> }; clientId: string }>(
      'review-export',
      packetId,
    );
    expect(record.clientId).toBe(seeded.client.id);
    expect(Object.values(record.refs.sessions).sort()).toEqual(seeded.sessions.map((s) => s.id).sort());
    expect(sessions).toBe(3);

    // A second export is a new file beside the first, not over it.
    const second = await clinician.review.exportPacket(
      { clientId: seeded.client.id, include: everything, extraNames: [], shiftDates: true },
      PACKET_PASS,
    );
    expect(second.path).toBe(join(clinician.exportsDir, `Client-A-${made}-2.attune-review`));
  });

  it('two exports at once make two packets in two files', async () => {
    const clinician = await openReviewHarness();
    const seeded = await seedCase(clinician.services);
    const request = { clientId: seeded.client.id, include: everything, extraNames: [], shiftDates: true };
    await clinician.review.preview(request); // both exports start from the same preview
    const [a, b] = await Promise.all([
      clinician.review.exportPacket(request, PACKET_PASS),
      clinician.review.exportPacket(request, PACKET_PASS),
    ]);
    expect(a.path).not.toBe(b.path);
    expect(a.packetId).not.toBe(b.packetId);
    expect((await openPacketFile(b.path, PACKET_PASS)).packet.packetId).toBe(b.packetId);
    expect(clinician.session.vault.list('review-export')).toHaveLength(2);
  });

  it('a wrong passphrase is refused clearly and changes nothing in the reviewer’s vault', async () => {
    const { path } = await exported();
    const reviewer = await openReviewerHarness();
    const before = await hashTree(reviewer.location);
    const message = await expectKind(
      reviewer.review.openPacket(path, 'not the packet passphrase'),
      'wrong-passphrase',
    );
    expect(message).toMatch(/passphrase/);
    expect(await hashTree(reviewer.location)).toEqual(before);
    expect(await reviewer.review.listPackets()).toEqual([]);
  });

  it('a flipped byte anywhere in the ciphertext fails its integrity check', async () => {
    const { path } = await exported();
    const bytes = await readFile(path);
    const bodyStart = bytes.indexOf(0x0a) + 1;
    for (const at of [bodyStart, bodyStart + 100, bytes.length - 1]) {
      const copy = Buffer.from(bytes);
      copy[at]! ^= 0x01;
      await writeFile(path, copy);
      await expectKind(openPacketFile(path, PACKET_PASS), 'integrity');
    }
    await writeFile(path, bytes.subarray(0, bodyStart + 10)); // truncated
    await expectKind(openPacketFile(path, PACKET_PASS), 'integrity');
  });

  it('an edited header fails its integrity check, however it was edited', async () => {
    const { path } = await exported();
    const bytes = await readFile(path);
    const nonce = (h: Record<string, unknown>) => {
      const n = Buffer.from(String(h.nonce), 'base64');
      n[0]! ^= 1;
      h.nonce = n.toString('base64');
    };
    const edits: Buffer[] = [
      withHeader(bytes, nonce, false),
      withHeader(bytes, nonce, true), // check recomputed: caught by the AEAD's associated data
      withHeader(bytes, (h) => Object.assign(h.kdf as object, { iterations: 2 }), false),
      withHeader(bytes, (h) => Object.assign(h.kdf as object, { memoryKiB: 4 * 1024 * 1024 }), true), // unsafe settings
      // Same meaning, different bytes: the header must be exactly as written.
      Buffer.concat([
        Buffer.from(bytes.subarray(0, bytes.indexOf(0x0a)).toString().replace('"version":1', '"version": 1')),
        bytes.subarray(bytes.indexOf(0x0a)),
      ]),
    ];
    for (const edited of edits) {
      await writeFile(path, edited);
      await expectKind(openPacketFile(path, PACKET_PASS), 'integrity');
    }
  });

  it('a packet from a newer Attune is refused as such', async () => {
    const { path } = await exported();
    const bytes = await readFile(path);
    await writeFile(
      path,
      withHeader(bytes, (h) => Object.assign(h, { version: 2 }), true),
    );
    expect(await expectKind(openPacketFile(path, PACKET_PASS), 'unsupported-version')).toMatch(
      /newer version of Attune/,
    );
    await writeFile(
      path,
      withHeader(bytes, (h) => Object.assign(h, { format: 'attune-review-2' }), true),
    );
    await expectKind(openPacketFile(path, PACKET_PASS), 'unsupported-version');

    // A current envelope around content of a newer version.
    const { packet } = await openPacketFile(await restore(path, bytes), PACKET_PASS);
    const newer = { ...packet, version: PACKET_VERSION + 1, somethingNew: true };
    const sealed = await sealEnvelope(
      'attune-review',
      Buffer.from(JSON.stringify(newer)),
      PACKET_PASS,
      TEST_KDF,
    );
    await writeFile(path, sealed.bytes);
    await expectKind(openPacketFile(path, PACKET_PASS), 'unsupported-version');
  });

  it('other files are refused as not a packet, and malformed content as invalid', async () => {
    const dir = await tempDir('attune-review-');
    const path = join(dir, 'x.attune-review');
    for (const junk of ['', 'hello', '{"format":"something"}\nxx', '{not json\n', '\n{}']) {
      await writeFile(path, junk);
      await expectKind(openPacketFile(path, PACKET_PASS), 'invalid-input');
    }
    await expectKind(openPacketFile(join(dir, 'missing.attune-review'), PACKET_PASS), 'not-found');

    // A comments file is not a packet, nor the other way round.
    const comments = await sealEnvelope(envelopeFormats.comments, Buffer.from('{}'), PACKET_PASS, TEST_KDF);
    await writeFile(path, comments.bytes);
    expect(await expectKind(openPacketFile(path, PACKET_PASS), 'invalid-input')).toMatch(/comments file/);
    const packet = await sealEnvelope(envelopeFormats.packet, Buffer.from('{}'), PACKET_PASS, TEST_KDF);
    await writeFile(path, packet.bytes);
    expect(await expectKind(openCommentsFile(path, PACKET_PASS), 'invalid-input')).toMatch(/review packet/);

    // Decrypts, but the content is hostile or wrong.
    for (const content of [
      'not json',
      '{"__proto__":{"x":1}}',
      '{"format":"attune-review-packet","version":1}',
      '[]',
    ]) {
      const sealed = await sealEnvelope(envelopeFormats.packet, Buffer.from(content), PACKET_PASS, TEST_KDF);
      await writeFile(path, sealed.bytes);
      await expectKind(openPacketFile(path, PACKET_PASS), 'invalid-input');
    }
  });

  it('round-trips through the envelope, and never writes content its reader would refuse', async () => {
    const { path } = await exported();
    const { packet, check } = await openPacketFile(path, PACKET_PASS);
    expect(check.kdf).toEqual(TEST_KDF);
    const opened = await openEnvelope(await readFile(path), 'attune-review', PACKET_PASS);
    expect(JSON.parse(opened.content.toString('utf8'))).toEqual(packet);
    const broken = { ...packet, sessions: [] } as ReviewPacket;
    await expectKind(writePacketFile(broken, PACKET_PASS, path, { kdf: TEST_KDF }), 'invalid-input');
    await expectKind(
      sealEnvelope('attune-review', Buffer.from('{}'), PACKET_PASS, {
        memoryKiB: 1024,
        iterations: 1,
        parallelism: 1,
      }),
      'invalid-input',
    );
  });
});

async function restore(path: string, bytes: Buffer): Promise<string> {
  await writeFile(path, bytes);
  return path;
}
