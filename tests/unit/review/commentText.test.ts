import { writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { envelopeFormats, sealEnvelope } from '../../../main/services/review/reviewEnvelope';
import { openCommentsFile } from '../../../main/services/review/reviewFiles';
import {
  commentsFileSchema,
  commentTextSchema,
  reviewerNameSchema,
} from '../../../shared/review/commentsSchema';
import {
  everything,
  expectKind,
  openReviewerHarness,
  openReviewHarness,
  PACKET_PASS,
  seedCase,
  TEST_KDF,
} from './reviewKit';

/** Characters that reorder, hide or break displayed text, by code point. */
const SPOOFING = [
  0x202a,
  0x202b,
  0x202c,
  0x202d,
  0x202e, // embeddings and overrides
  0x2066,
  0x2067,
  0x2068,
  0x2069, // isolates
  0x200e,
  0x200f,
  0x061c, // directional marks
  0x200b,
  0x2060,
  0xfeff,
  0x00ad,
  0xe0041, // zero-width space, word joiner, BOM, soft hyphen, a tag
  0x00,
  0x07,
  0x08,
  0x0b,
  0x0c,
  0x1b,
  0x7f,
  0x85,
  0x9b, // C0, DEL, C1
].map((c) => String.fromCodePoint(c));
const RLO = '\u202e';
const hasSpoofing = (text: string) => SPOOFING.some((c) => text.includes(c));

describe('comment text and reviewer names', () => {
  it('lose every bidi control, directional mark, control and invisible format character', () => {
    for (const ch of SPOOFING) {
      expect(commentTextSchema.parse(`Good${ch} pacing`), `U+${ch.codePointAt(0)!.toString(16)}`).toBe(
        'Good pacing',
      );
      expect(reviewerNameSchema.parse(`Sam${ch} Lee`)).toBe('Sam Lee');
    }
    // An override would show the rest of the name reversed.
    expect(reviewerNameSchema.parse(`Sam ${RLO}reweiver`)).toBe('Sam reweiver');
  });

  it('keep line breaks and tabs in text, joiners in emoji and scripts that need them', () => {
    expect(commentTextSchema.parse('First:\n\tslow down.\r\nThen: name it.\u2028End')).toBe(
      'First:\n\tslow down.\nThen: name it.\nEnd',
    );
    const family = '\u{1F469}\u200D\u{1F467}'; // woman, ZWJ, girl
    const persian = 'می\u200Cخواهم'; // with a zero-width non-joiner
    expect(commentTextSchema.parse(`${family} ${persian}`)).toBe(`${family} ${persian}`);
    expect(reviewerNameSchema.parse('Sam\nLee\tJr')).toBe('Sam Lee Jr');
  });

  it('made only of such characters count as empty', () => {
    expect(commentTextSchema.safeParse(`${RLO}\u200e\u0007`).success).toBe(false);
    expect(reviewerNameSchema.safeParse(`\u2066${RLO}`).error?.issues[0]?.message).toBe(
      'Enter your name as the reviewer.',
    );
  });

  it('are cleaned on every path: typed in review mode, exported, and read from a comments file', async () => {
    const clinician = await openReviewHarness();
    const seeded = await seedCase(clinician.services);
    const { path } = await clinician.review.exportPacket(
      { clientId: seeded.client.id, include: everything, extraNames: [], shiftDates: true },
      PACKET_PASS,
    );
    const reviewer = await openReviewerHarness();
    const packet = await reviewer.review.openPacket(path, PACKET_PASS);

    // Typed in the app.
    const saved = await reviewer.review.saveComment({
      packetId: packet.packetId,
      target: { kind: 'case' },
      text: `Well ${RLO}done\u2069 here\u0000.`,
    });
    expect(saved.text).toBe('Well done here.');
    await expectKind(
      reviewer.review.saveComment({
        packetId: packet.packetId,
        target: { kind: 'case' },
        text: `${RLO}\u200f`,
      }),
      'invalid-input',
    );

    // Exported under a disguised name, brought home.
    const out = await reviewer.review.exportComments(packet.packetId, `Sam${RLO} Lee\u202c`, PACKET_PASS);
    const file = await openCommentsFile(out.path, PACKET_PASS);
    expect(file.reviewer.name).toBe('Sam Lee');
    await clinician.review.importComments(out.path, PACKET_PASS);
    const [home] = await clinician.review.listComments({ clientId: seeded.client.id });
    expect(home).toMatchObject({ reviewer: { name: 'Sam Lee' }, text: 'Well done here.' });

    // A comments file made elsewhere, with the characters in it.
    const hostile = {
      ...file,
      reviewer: { name: `Dr${RLO} Evil\u2066` },
      comments: [{ ...file.comments[0]!, id: 'f'.repeat(32), text: `Fine${RLO}\u0085\u061c work.` }],
    };
    const sealed = await sealEnvelope(
      envelopeFormats.comments,
      Buffer.from(JSON.stringify(hostile)),
      PACKET_PASS,
      TEST_KDF,
    );
    const forged = `${out.path}.forged.attune-comments`;
    await writeFile(forged, sealed.bytes);
    const read = await openCommentsFile(forged, PACKET_PASS);
    expect(read.reviewer.name).toBe('Dr Evil');
    expect(read.comments[0]!.text).toBe('Fine work.');
    await clinician.review.importComments(forged, PACKET_PASS);
    for (const c of await clinician.review.listComments({ clientId: seeded.client.id })) {
      expect(hasSpoofing(c.text) || hasSpoofing(c.reviewer.name)).toBe(false);
    }
    expect(commentsFileSchema.parse(hostile).reviewer.name).toBe('Dr Evil');
  });
});
