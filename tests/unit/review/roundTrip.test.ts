import { readFile, stat, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { CommentTarget } from '../../../shared/review/commentsSchema';
import {
  everything,
  expectKind,
  hashTree,
  OTHER_NAMES,
  openReviewerHarness,
  openReviewHarness,
  PACKET_PASS,
  seedCase,
} from './reviewKit';

/** Clinician exports a packet; the reviewer opens it in a vault of their own. */
async function packetWithReviewer() {
  const clinician = await openReviewHarness();
  const seeded = await seedCase(clinician.services);
  const exported = await clinician.review.exportPacket(
    { clientId: seeded.client.id, include: everything, extraNames: OTHER_NAMES, shiftDates: true },
    PACKET_PASS,
  );
  const reviewer = await openReviewerHarness();
  const packet = await reviewer.review.openPacket(exported.path, PACKET_PASS);
  return { clinician, seeded, exported, reviewer, packet };
}

describe('supervisor review, from packet to comments at home', () => {
  it('brings the reviewer’s comments back beside the right sessions and ruptures', async () => {
    const { clinician, seeded, reviewer, packet } = await packetWithReviewer();

    // Review mode: the packet is kept apart from the reviewer's own clients.
    expect(await reviewer.review.listPackets()).toEqual([
      {
        packetId: packet.packetId,
        alias: 'Client A',
        createdAt: packet.createdAt,
        sessions: 3,
        openedAt: expect.any(String),
        comments: 0,
      },
    ]);
    expect(await reviewer.services.clients.list()).toEqual([]);
    expect(await reviewer.services.index.clients()).toEqual([]);
    expect(await reviewer.services.index.sessions()).toEqual([]);
    expect(await reviewer.services.index.noteSummaries()).toEqual([]);
    expect(reviewer.session.vault.list('review-packet')).toHaveLength(1);
    expect(
      reviewer.session.vault.list().filter((r) => ['client', 'session', 'note'].includes(r.kind)),
    ).toEqual([]);

    const secondSession = packet.sessions[1]!;
    const rupture = packet.notes[1]!.ruptures[1]!;
    const targets: CommentTarget[] = [
      { kind: 'session', sessionRef: secondSession.sessionRef },
      { kind: 'rupture', sessionRef: secondSession.sessionRef, ruptureRef: rupture.ruptureRef },
      { kind: 'case' },
    ];
    const saved = [];
    for (const [i, target] of targets.entries()) {
      saved.push(
        await reviewer.review.saveComment({ packetId: packet.packetId, target, text: `Comment ${i}` }),
      );
    }
    const edited = await reviewer.review.saveComment({
      packetId: packet.packetId,
      id: saved[0]!.id,
      target: targets[0]!,
      text: 'Slow down here.',
    });
    expect(edited).toMatchObject({ id: saved[0]!.id, text: 'Slow down here.', at: saved[0]!.at });
    const extra = await reviewer.review.saveComment({
      packetId: packet.packetId,
      target: { kind: 'case' },
      text: 'Draft to drop',
    });
    await reviewer.review.deleteComment(extra.id);
    const { comments } = await reviewer.review.getPacket(packet.packetId);
    expect(comments.map((c) => c.text)).toEqual(['Slow down here.', 'Comment 1', 'Comment 2']);

    // A target that is not in the packet is refused.
    const elsewhere = {
      kind: 'rupture',
      sessionRef: packet.sessions[0]!.sessionRef,
      ruptureRef: rupture.ruptureRef,
    } as const;
    await expectKind(
      reviewer.review.saveComment({ packetId: packet.packetId, target: elsewhere, text: 'x' }),
      'invalid-input',
    );
    await expectKind(
      reviewer.review.saveComment({
        packetId: packet.packetId,
        target: { kind: 'session', sessionRef: 's-000000000000' },
        text: 'x',
      }),
      'invalid-input',
    );

    // Export, sealed with the packet's passphrase (a different one is refused).
    await expectKind(
      reviewer.review.exportComments(packet.packetId, 'Dr. Supervisor', 'some other passphrase'),
      'wrong-passphrase',
    );
    const out = await reviewer.review.exportComments(packet.packetId, 'Dr. Supervisor', PACKET_PASS);
    expect(out.comments).toBe(3);
    expect(out.path).toMatch(/Client-A-comments-2025-07-01\.attune-comments$/);
    expect((await stat(out.path)).mode & 0o777).toBe(0o600);
    expect(
      (await reviewer.session.vault.readAudit()).some(
        (e) => e.type === 'export' && e.detail.what === 'review-comments',
      ),
    ).toBe(true);

    // The clinician imports them: each is attached to the real session or rupture.
    await expectKind(clinician.review.importComments(out.path, 'a wrong passphrase'), 'wrong-passphrase');
    const result = await clinician.review.importComments(out.path, PACKET_PASS);
    expect(result).toEqual({
      packetId: packet.packetId,
      alias: 'Client A',
      clientId: seeded.client.id,
      imported: 3,
      duplicates: 0,
      updated: 0,
    });
    const session2 = seeded.sessions[1]!;
    const home = await clinician.review.listComments({ clientId: seeded.client.id });
    expect(home.map((c) => [c.text, c.target])).toEqual([
      [
        'Comment 1',
        {
          kind: 'rupture',
          clientId: seeded.client.id,
          sessionId: session2.id,
          noteId: seeded.notes[1]!.id,
          ruptureId: seeded.ruptureIds[2],
        },
      ],
      ['Comment 2', { kind: 'case', clientId: seeded.client.id }],
      ['Slow down here.', { kind: 'session', clientId: seeded.client.id, sessionId: session2.id }],
    ]);
    for (const c of home) {
      expect(c).toMatchObject({
        reviewer: { name: 'Dr. Supervisor' },
        alias: 'Client A',
        addressed: false,
        addressedAt: null,
      });
    }
    expect((await clinician.review.listComments({ sessionId: session2.id })).map((c) => c.text)).toEqual([
      'Comment 1',
      'Slow down here.',
    ]);
    expect(await clinician.review.listComments({ sessionId: seeded.sessions[0]!.id })).toEqual([]);

    // A second import adds nothing.
    const vault = clinician.session.vault;
    const before = vault
      .list('supervisor-comment')
      .map((r) => `${r.id}@${r.rev}`)
      .sort();
    const again = await clinician.review.importComments(out.path, PACKET_PASS);
    expect(again).toMatchObject({ imported: 0, duplicates: 3, updated: 0 });
    expect(
      vault
        .list('supervisor-comment')
        .map((r) => `${r.id}@${r.rev}`)
        .sort(),
    ).toEqual(before);

    // Marked addressed, and back.
    const session2Comment = home[2]!;
    const addressed = await clinician.review.setCommentAddressed(session2Comment.id, true);
    expect(addressed).toMatchObject({ addressed: true, addressedAt: expect.any(String) });
    expect((await clinician.review.listComments({ sessionId: session2.id }))[1]!.addressed).toBe(true);
    expect(await clinician.review.setCommentAddressed(session2Comment.id, false)).toMatchObject({
      addressed: false,
      addressedAt: null,
    });
    await expectKind(clinician.review.setCommentAddressed('0'.repeat(32), true), 'not-found');

    // The audit trail has the export and both imports, with their counts.
    const audit = await vault.readAudit();
    expect(audit.filter((e) => e.type === 'export').map((e) => e.detail.what)).toEqual(['review-packet']);
    expect(
      audit.filter((e) => e.type === 'comments-import').map((e) => [e.detail.imported, e.detail.duplicates]),
    ).toEqual([
      [3, 0],
      [0, 3],
    ]);
    expect(audit.filter((e) => e.type === 'update' && e.detail.kind === 'supervisor-comment')).toHaveLength(
      2,
    );
  });

  it('a comment the reviewer changed comes back as an update that needs addressing again', async () => {
    const { clinician, reviewer, packet } = await packetWithReviewer();
    const comment = await reviewer.review.saveComment({
      packetId: packet.packetId,
      target: { kind: 'case' },
      text: 'First thought.',
    });
    const first = await reviewer.review.exportComments(packet.packetId, 'Sam Reviewer', PACKET_PASS);
    await clinician.review.importComments(first.path, PACKET_PASS);
    const [home] = await clinician.review.listComments({
      clientId: (await clinician.services.clients.list())[0]!.id,
    });
    await clinician.review.setCommentAddressed(home!.id, true);

    await reviewer.review.saveComment({
      packetId: packet.packetId,
      id: comment.id,
      target: { kind: 'case' },
      text: 'Second thought.',
    });
    await reviewer.review.saveComment({
      packetId: packet.packetId,
      target: { kind: 'case' },
      text: 'And another.',
    });
    const second = await reviewer.review.exportComments(packet.packetId, 'Sam Reviewer', PACKET_PASS);
    expect(await clinician.review.importComments(second.path, PACKET_PASS)).toMatchObject({
      imported: 1,
      updated: 1,
      duplicates: 0,
    });
    const after = await clinician.review.listComments({ clientId: home!.target.clientId });
    expect(after.map((c) => [c.text, c.addressed])).toEqual([
      ['Second thought.', false],
      ['And another.', false],
    ]);
    expect(after[0]!.id).toBe(home!.id);
  });

  it('refuses comments for a packet this vault did not make, changing nothing', async () => {
    const { reviewer, packet } = await packetWithReviewer();
    await reviewer.review.saveComment({ packetId: packet.packetId, target: { kind: 'case' }, text: 'Hello' });
    const out = await reviewer.review.exportComments(packet.packetId, 'Sam Reviewer', PACKET_PASS);
    const stranger = await openReviewHarness();
    const before = await hashTree(stranger.location);
    expect(await expectKind(stranger.review.importComments(out.path, PACKET_PASS), 'not-found')).toMatch(
      /did not make/,
    );
    expect(await hashTree(stranger.location)).toEqual(before);
    // Nor can the reviewer import their own comments (their vault did not export the packet).
    await expectKind(reviewer.review.importComments(out.path, PACKET_PASS), 'not-found');
  });

  it('a damaged comments file is refused, changing nothing', async () => {
    const { clinician, reviewer, packet } = await packetWithReviewer();
    await reviewer.review.saveComment({ packetId: packet.packetId, target: { kind: 'case' }, text: 'Hello' });
    const out = await reviewer.review.exportComments(packet.packetId, 'Sam Reviewer', PACKET_PASS);
    const bytes = await readFile(out.path);
    bytes[bytes.length - 20]! ^= 0x40;
    await writeFile(out.path, bytes);
    const before = await hashTree(clinician.location);
    await expectKind(clinician.review.importComments(out.path, PACKET_PASS), 'integrity');
    expect(await hashTree(clinician.location)).toEqual(before);
  });

  it('reopening a packet keeps the comments; removing it takes them along', async () => {
    const { exported, reviewer, packet } = await packetWithReviewer();
    await reviewer.review.saveComment({
      packetId: packet.packetId,
      target: { kind: 'case' },
      text: 'Keep me',
    });
    await reviewer.review.openPacket(exported.path, PACKET_PASS);
    expect((await reviewer.review.getPacket(packet.packetId)).comments.map((c) => c.text)).toEqual([
      'Keep me',
    ]);
    expect(await reviewer.review.listPackets()).toHaveLength(1);
    await expectKind(reviewer.review.exportComments(packet.packetId, ' ', PACKET_PASS), 'invalid-input');

    await reviewer.review.removePacket(packet.packetId);
    expect(await reviewer.review.listPackets()).toEqual([]);
    expect(reviewer.session.vault.list('review-comment')).toEqual([]);
    await expectKind(reviewer.review.getPacket(packet.packetId), 'not-found');
    await expectKind(reviewer.review.exportComments(packet.packetId, 'Sam', PACKET_PASS), 'not-found');
  });

  it('an empty packet of comments is not exported, and a locked vault refuses review calls', async () => {
    const { reviewer, packet } = await packetWithReviewer();
    await expectKind(reviewer.review.exportComments(packet.packetId, 'Sam', PACKET_PASS), 'invalid-input');
    await reviewer.session.lock('user');
    await expectKind(reviewer.review.listPackets(), 'locked');
    await expectKind(
      reviewer.review.saveComment({ packetId: packet.packetId, target: { kind: 'case' }, text: 'x' }),
      'locked',
    );
  });
});
