import type { Client } from '../../shared/domain/clientSchema';
import type { PacketListing } from '../../shared/review/commentsSchema';
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

const SLOW = REVIEW_SLOW;

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
  const { call } = await clinicianCase(dataDir, backend);
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
  const path = await exportPacket(call, other.id);

  // The reviewer's side through main's calls, as review mode makes them.
  await reviewerVault(secondProfile.dataDir);
  const reviewer = caller(secondProfile.backend);
  await reviewer('vault:unlock', { passphrase });
  await openPacketByCalls(reviewer, secondProfile, path);
  const [listing] = await reviewer<PacketListing[]>('review:listPackets');
  await reviewer('review:saveComment', {
    packetId: listing!.packetId,
    target: { kind: 'case' },
    text: 'Worth a second look.',
  });
  const comments = await exportCommentsByCalls(reviewer, listing!.packetId);

  await importCommentsOnC021(page, { call, openApp, nextChosenFile }, comments);
  await expect(page.getByRole('status').filter({ hasText: 'imported' })).toHaveText(
    `1 comment imported. They are about another client, C-022 (${listing!.alias} in the packet); open that client’s page to see them.`,
    SLOW,
  );
});
