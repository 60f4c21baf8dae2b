import { expect, test } from './harness';
import { caller, createTestVault, seedClient } from './seed';
import { goTo, unlock } from './steps';

const PACKET_PASS = 'harbour violet seventy kites';
/** Argon2id at the app's settings: seconds each on a busy machine. */
const SLOW = { timeout: 40_000 };

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

  const rp = secondProfile.page;
  await (await createTestVault(secondProfile.dataDir)).lock();
  await secondProfile.openApp();
  await unlock(rp);
  // Opened as the page would: the path from the open dialog, then the passphrase.
  const reviewerCall = caller(secondProfile.backend);
  secondProfile.nextChosenFile(path);
  await reviewerCall('files:chooseReviewFile', { purpose: 'open-packet' });
  await reviewerCall('review:openPacket', { path, passphrase: PACKET_PASS });

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
