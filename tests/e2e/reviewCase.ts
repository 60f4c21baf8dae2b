import type { Page } from '@playwright/test';
import type { Backend } from '../../main/ipc/createBackend';
import { type caller, createTestVault, seedClient } from './seed';
import { goTo, unlock } from './steps';

/** The passphrase of every packet these specs make. */
export const PACKET_PASS = 'harbour violet seventy kites';
/** Argon2id at the app's settings: seconds each on a busy machine. */
export const REVIEW_SLOW = { timeout: 40_000 };

/** The clinician's vault, unlocked through main: client C-021 ("Jo Bloggs") with a session at each of `sessions`. */
export async function clinicianCase(
  dataDir: string,
  backend: Backend,
  sessions: readonly string[] = ['2026-02-02T09:00:00.000Z'],
) {
  const seeded = await seedClient(dataDir, backend, {
    clinician: 'Dr. Ada Byrne',
    code: 'C-021',
    displayName: 'Jo Bloggs',
  });
  for (const startsAt of sessions) await seeded.session(startsAt);
  return seeded;
}

/** A packet of `clientId` (metrics, notes, ruptures; dates shifted) sealed with PACKET_PASS; its path. */
export async function exportPacket(call: ReturnType<typeof caller>, clientId: string): Promise<string> {
  const { path } = await call<{ path: string }>('review:exportPacket', {
    clientId,
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
  return path;
}

/** The reviewer's own vault, made and left locked in the second profile's data folder. */
export async function reviewerVault(dataDir: string): Promise<void> {
  await (await createTestVault(dataDir)).lock();
}

/** Opens the packet at `path` through main's calls, as review mode does (its file chosen, then its passphrase). */
export async function openPacketByCalls(
  reviewer: ReturnType<typeof caller>,
  profile: { nextChosenFile: (path: string) => void },
  path: string,
): Promise<void> {
  profile.nextChosenFile(path);
  await reviewer('files:chooseReviewFile', { purpose: 'open-packet' });
  await reviewer('review:openPacket', { path, passphrase: PACKET_PASS });
}

/** The reviewer's comments on `packetId` sealed for the clinician through main's calls; the file's path. */
export async function exportCommentsByCalls(
  reviewer: ReturnType<typeof caller>,
  packetId: string,
): Promise<string> {
  const { path } = await reviewer<{ path: string }>('review:exportComments', {
    packetId,
    reviewerName: 'Sam Reviewer',
    passphrase: PACKET_PASS,
  });
  return path;
}

/**
 * The clinician, their vault locked through main, opens the app, unlocks, and imports the comments
 * file at `path` from C-021's Review tab, as the screens do it.
 */
export async function importCommentsOnC021(
  page: Page,
  app: {
    call: ReturnType<typeof caller>;
    openApp: () => Promise<void>;
    nextChosenFile: (path: string) => void;
  },
  path: string,
): Promise<void> {
  await app.call('vault:lock', { reason: 'user' });
  await app.openApp();
  await unlock(page);
  await goTo(page, 'Clients');
  await page.getByRole('button', { name: 'C-021', exact: true }).click();
  await page.getByRole('tab', { name: 'Review' }).click();
  app.nextChosenFile(path);
  await page.getByRole('button', { name: 'Import supervisor comments' }).click();
  await page.getByLabel('Packet passphrase').fill(PACKET_PASS);
  await page.getByRole('button', { name: 'Import comments' }).click();
}
