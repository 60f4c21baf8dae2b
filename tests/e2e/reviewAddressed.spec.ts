import type { PacketListing } from '../../shared/review/commentsSchema';
import type { ReviewPacket } from '../../shared/review/packetSchema';
import { expect, test } from './harness';
import {
  clinicianCase,
  exportCommentsByCalls,
  exportPacket,
  importCommentsOnC021,
  openPacketByCalls,
  REVIEW_SLOW,
  reviewerVault,
} from './reviewCase';
import { caller } from './seed';
import { passphrase } from './steps';

const FIRST = 'Name the pattern before the break.';
const SECOND = 'Ask what the silence was about.';
const SLOW = REVIEW_SLOW;

/**
 * Every returned comment has its own "Addressed" box: tabbing through a session's comments, a
 * screen reader must hear which comment each box is for (its text, as the box's description),
 * not "Addressed, checkbox" over and over.
 */
test('each “Addressed” box is described by its own comment', async ({
  page,
  openApp,
  dataDir,
  backend,
  nextChosenFile,
  secondProfile,
}) => {
  test.setTimeout(120_000);
  const { call, client } = await clinicianCase(dataDir, backend);
  const path = await exportPacket(call, client.id);

  // The reviewer's side through main's calls, as review mode makes them.
  await reviewerVault(secondProfile.dataDir);
  const reviewer = caller(secondProfile.backend);
  await reviewer('vault:unlock', { passphrase });
  await openPacketByCalls(reviewer, secondProfile, path);
  const [listing] = await reviewer<PacketListing[]>('review:listPackets');
  const { packet } = await reviewer<{ packet: ReviewPacket }>('review:getPacket', {
    packetId: listing!.packetId,
  });
  const target = { kind: 'session', sessionRef: packet.sessions[0]!.sessionRef };
  for (const text of [FIRST, SECOND]) {
    await reviewer('review:saveComment', { packetId: listing!.packetId, target, text });
  }
  const comments = await exportCommentsByCalls(reviewer, listing!.packetId);

  await importCommentsOnC021(page, { call, openApp, nextChosenFile }, comments);
  await expect(page.getByRole('status').filter({ hasText: 'imported' })).toHaveText(
    '2 comments imported.',
    SLOW,
  );
  await page.getByRole('tab', { name: 'Sessions' }).click();
  const list = page.getByRole('list', { name: 'Supervisor comments' });
  const boxes = list.getByRole('checkbox', { name: 'Addressed' });
  await expect(boxes).toHaveCount(2, SLOW);
  await expect(boxes.nth(0)).toHaveAccessibleDescription(new RegExp(FIRST));
  await expect(boxes.nth(1)).toHaveAccessibleDescription(new RegExp(SECOND));
});
