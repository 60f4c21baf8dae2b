import { expect, test } from './harness';
import { clinicianCase, exportPacket, openPacketByCalls, REVIEW_SLOW, reviewerVault } from './reviewCase';
import { caller } from './seed';
import { goTo, unlock } from './steps';

const SLOW = REVIEW_SLOW;

/**
 * Removing an opened packet from the keyboard: the row and the button pressed go away, so the
 * page says what was removed and the keyboard carries on from the list's heading, not from the
 * top of the document.
 */
test('removing a review packet says so and keeps the keyboard in the list', async ({
  dataDir,
  backend,
  secondProfile,
}) => {
  test.setTimeout(120_000);
  const { call, client } = await clinicianCase(dataDir, backend);
  const path = await exportPacket(call, client.id);

  const rp = secondProfile.page;
  await reviewerVault(secondProfile.dataDir);
  await secondProfile.openApp();
  await unlock(rp);
  // Opened as the page would: the path from the open dialog, then the passphrase.
  const reviewerCall = caller(secondProfile.backend);
  await openPacketByCalls(reviewerCall, secondProfile, path);

  await goTo(rp, 'Review packets');
  await rp.getByRole('button', { name: 'Remove Client A' }).press('Enter');
  await expect(rp.getByRole('button', { name: 'Keep', exact: true })).toBeFocused();
  await rp.getByRole('button', { name: 'Remove', exact: true }).press('Enter');
  await expect(rp.getByText('No review packets opened yet.')).toBeVisible(SLOW);
  await expect(rp.getByRole('status').filter({ hasText: 'Removed' })).toHaveText(
    'Removed Client A and your comments on it from this computer.',
  );
  await expect(rp.getByRole('heading', { name: 'Opened packets', level: 2 })).toBeFocused();
  expect(await reviewerCall('review:listPackets')).toEqual([]);
});
