import type { PacketListing } from '../../shared/review/commentsSchema';
import type { ReviewPacket } from '../../shared/review/packetSchema';
import { expect, test } from './harness';
import { caller, createTestVault, seedClient } from './seed';
import { goTo, passphrase, unlock } from './steps';

const PACKET_PASS = 'harbour violet seventy kites';
const FIRST = 'Name the pattern before the break.';
const SECOND = 'Ask what the silence was about.';
const SLOW = { timeout: 40_000 };

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
  const { call, client, session } = await seedClient(dataDir, backend, {
    clinician: 'Dr. Ada Byrne',
    code: 'C-021',
    displayName: 'Jo Bloggs',
  });
  await session('2026-02-02T09:00:00.000Z');
  const { path } = await call<{ path: string }>('review:exportPacket', {
    clientId: client.id,
    include: {
      metrics: true,
      charts: false,
      notes: true,
      ruptures: true,
      processNotes: false,
      diagnoses: false,
    },
    extraNames: [],
    shiftDates: true,
    passphrase: PACKET_PASS,
  });

  // The reviewer's side through main's calls, as review mode makes them.
  await (await createTestVault(secondProfile.dataDir)).lock();
  const reviewer = caller(secondProfile.backend);
  await reviewer('vault:unlock', { passphrase });
  secondProfile.nextChosenFile(path);
  await reviewer('files:chooseReviewFile', { purpose: 'open-packet' });
  const packet = await reviewer<ReviewPacket>('review:openPacket', { path, passphrase: PACKET_PASS });
  const [listing] = await reviewer<PacketListing[]>('review:listPackets');
  const target = { kind: 'session', sessionRef: packet.sessions[0]!.sessionRef };
  for (const text of [FIRST, SECOND]) {
    await reviewer('review:saveComment', { packetId: listing!.packetId, target, text });
  }
  const comments = await reviewer<{ path: string }>('review:exportComments', {
    packetId: listing!.packetId,
    reviewerName: 'Sam Reviewer',
    passphrase: PACKET_PASS,
  });

  await call('vault:lock', { reason: 'user' });
  await openApp();
  await unlock(page);
  await goTo(page, 'Clients');
  await page.getByRole('button', { name: 'C-021', exact: true }).click();
  await page.getByRole('tab', { name: 'Review' }).click();
  nextChosenFile(comments.path);
  await page.getByRole('button', { name: 'Import supervisor comments' }).click();
  await page.getByLabel('Packet passphrase').fill(PACKET_PASS);
  await page.getByRole('button', { name: 'Import comments' }).click();
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
