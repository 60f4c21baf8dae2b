import { copyFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { openPacketFile, writePacketFile } from '../../../main/services/review/reviewFiles';
import {
  everything,
  expectKind,
  hashTree,
  openReviewerHarness,
  openReviewHarness,
  PACKET_PASS,
  seedCase,
  TEST_KDF,
} from './reviewKit';

/** A reviewer with a packet open and a comment on its first session. */
async function reviewerWithPacket() {
  const clinician = await openReviewHarness();
  const seeded = await seedCase(clinician.services);
  const { path } = await clinician.review.exportPacket(
    { clientId: seeded.client.id, include: everything, extraNames: [], shiftDates: true },
    PACKET_PASS,
  );
  const reviewer = await openReviewerHarness();
  const packet = await reviewer.review.openPacket(path, PACKET_PASS);
  await reviewer.review.saveComment({
    packetId: packet.packetId,
    target: { kind: 'session', sessionRef: packet.sessions[0]!.sessionRef },
    text: 'Slow down here.',
  });
  return { path, reviewer, packet };
}

describe('a second packet with the id of an open one', () => {
  it('is refused, leaving the open packet and its comments as they were', async () => {
    const { path, reviewer, packet } = await reviewerWithPacket();
    // Another packet under the same id: one session fewer (the commented one gone).
    const other = `${path}.other.attune-review`;
    await writePacketFile(
      {
        ...packet,
        sessions: packet.sessions.slice(1),
        notes: packet.notes.filter((n) => n.sessionRef !== packet.sessions[0]!.sessionRef),
        summaries: packet.summaries.filter((s) => s.sessionId !== packet.sessions[0]!.sessionRef),
      },
      PACKET_PASS,
      other,
      { kdf: TEST_KDF },
    );
    const before = await hashTree(reviewer.location);
    const message = await expectKind(reviewer.review.openPacket(other, PACKET_PASS), 'conflict');
    expect(message).toBe(
      `A packet with this id is already open: Client A, opened on 2025-07-01. Remove it first (your comments on it go with it) or keep reviewing the open one.`,
    );
    expect(await hashTree(reviewer.location)).toEqual(before);
    const open = await reviewer.review.getPacket(packet.packetId);
    expect(open.packet).toEqual(packet);
    expect(open.comments.map((c) => c.text)).toEqual(['Slow down here.']);
  });

  it('the very same packet again (even re-encrypted) just shows the open one', async () => {
    const { path, reviewer, packet } = await reviewerWithPacket();
    const copy = `${path}.copy.attune-review`;
    await copyFile(path, copy);
    expect(await reviewer.review.openPacket(copy, PACKET_PASS)).toEqual(packet);
    const resealed = `${path}.resealed.attune-review`;
    await writePacketFile((await openPacketFile(path, PACKET_PASS)).packet, PACKET_PASS, resealed, {
      kdf: TEST_KDF,
    });
    expect(await reviewer.review.openPacket(resealed, PACKET_PASS)).toEqual(packet);
    expect(await reviewer.review.listPackets()).toHaveLength(1);
    expect((await reviewer.review.getPacket(packet.packetId)).comments).toHaveLength(1);
    // Comments still seal with the packet's passphrase after the reopenings.
    expect(await reviewer.review.exportComments(packet.packetId, 'Sam', PACKET_PASS)).toMatchObject({
      comments: 1,
    });
  });
});
