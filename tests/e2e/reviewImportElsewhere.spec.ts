import type { Client } from '../../shared/domain/clientSchema';
import type { PacketListing } from '../../shared/review/commentsSchema';
import { expect, test } from './harness';
import { caller, createTestVault, seedClient } from './seed';
import { goTo, passphrase, unlock } from './steps';

const PACKET_PASS = 'harbour violet seventy kites';
const SLOW = { timeout: 40_000 };

/**
 * Comments imported on one client's page that are about another client's packet are stored with
 * that client: the message must say which client by the code the clinician knows, since the
 * packet's alias ("Client A") names nobody in the clinician's own lists.
 */
test('comments imported on another client’s page name the client they are about', async ({
  page,
  openApp,
  dataDir,
  backend,
  nextChosenFile,
  secondProfile,
}) => {
  test.setTimeout(120_000);
  const { call, session } = await seedClient(dataDir, backend, {
    clinician: 'Dr. Ada Byrne',
    code: 'C-021',
    displayName: 'Jo Bloggs',
  });
  await session('2026-02-02T09:00:00.000Z');
  const other = await call<Client>('clients:create', {
    code: 'C-022',
    displayName: 'Sam Other',
    startDate: '2026-01-05',
    concerns: [],
    goals: [],
  });
  await call('sessions:create', {
    clientId: other.id,
    startsAt: '2026-02-03T09:00:00.000Z',
    durationMinutes: 50,
    modality: 'in-person',
    attendance: 'attended',
  });
  const { path } = await call<{ path: string }>('review:exportPacket', {
    clientId: other.id,
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
  await reviewer('review:openPacket', { path, passphrase: PACKET_PASS });
  const [listing] = await reviewer<PacketListing[]>('review:listPackets');
  await reviewer('review:saveComment', {
    packetId: listing!.packetId,
    target: { kind: 'case' },
    text: 'Worth a second look.',
  });
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
    `1 comment imported. They are about another client, C-022 (${listing!.alias} in the packet); open that client’s page to see them.`,
    SLOW,
  );
});
