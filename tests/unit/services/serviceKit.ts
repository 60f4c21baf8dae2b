import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { expect, onTestFinished } from 'vitest';
import { createServices, type ServiceOptions, type Services } from '../../../main/services/createServices';
import { DeviceConfigStore } from '../../../main/services/device/DeviceConfigStore';
import { openVaultAs } from '../../../main/services/device/openVaultAs';
import { ThisDevice } from '../../../main/services/device/ThisDevice';
import { VaultSession } from '../../../main/services/VaultSession';
import type { KdfParams } from '../../../main/vault/kdf';
import type { OpenVault } from '../../../main/vault/OpenVault';
import { SyncedVault } from '../../../main/vault/v2/SyncedVault';
import { Vault } from '../../../main/vault/Vault';
import { emptyAttunement } from '../../../shared/domain/attunementSchema';
import type { Client } from '../../../shared/domain/clientSchema';
import type { NoteDraft } from '../../../shared/domain/noteSchema';
import { emptyParticipation } from '../../../shared/domain/participationSchema';
import type { Session } from '../../../shared/domain/sessionSchema';
import { AttuneError, type ErrorKind } from '../../../shared/ipc/result';
import { tempDir } from '../helpers/tempDir';

/** Small Argon2 settings (within the vault's bounds) so tests run fast. */
export const TEST_KDF: KdfParams = { memoryKiB: 8192, iterations: 1, parallelism: 1 };
export const PASS = 'a long enough test passphrase';
/** The name the test harness signs with. */
export const TEST_CLINICIAN = 'Dr. Test Clinician';

/** A clock that starts at `start` and moves one second on at every reading. */
export function steppingClock(start = '2025-03-14T10:00:00.000Z'): () => Date {
  let t = Date.parse(start);
  return () => {
    const now = new Date(t);
    t += 1000;
    return now;
  };
}

/**
 * The vault format the kit makes by default. The service tests run over format 1 as written, and
 * again over format 2 from tests/unit/services/format2/, which set 2 here before loading them.
 */
let kitFormat: 1 | 2 = 1;

export function setKitVaultFormat(format: 1 | 2): void {
  kitFormat = format;
}

export function kitVaultFormat(): 1 | 2 {
  return kitFormat;
}

/** Creates a vault (small KDF) in `<dataDir>/vault` and locks it again, as a first run would. */
export async function makeVault(
  dataDir?: string,
  format: 1 | 2 = kitFormat,
): Promise<{ dataDir: string; location: string }> {
  const dir = dataDir ?? (await tempDir('attune-services-'));
  const location = join(dir, 'vault');
  if (format === 2) {
    // Made as this computer (the session's device identity in the data folder), so unlocking
    // carries on its log instead of joining as a second computer.
    const device = await new ThisDevice(new DeviceConfigStore(dir)).identity();
    const { vault } = await SyncedVault.create(location, PASS, { kdf: TEST_KDF, device, heartbeatMs: 0 });
    await vault.lock();
    return { dataDir: dir, location };
  }
  const { vault } = await Vault.create(location, PASS, { kdf: TEST_KDF });
  await vault.lock();
  return { dataDir: dir, location };
}

/**
 * Opens the vault at `location` in whichever format it is, as this computer (the device identity
 * in `dataDir`, by default the folder above the vault, as the session's), the way another writer
 * on this computer (the CLI) would.
 */
export async function openAsThisComputer(
  location: string,
  secret: { passphrase: string } | { recoveryKey: string } = { passphrase: PASS },
  dataDir = dirname(location),
): Promise<OpenVault> {
  return openVaultAs(location, secret, new ThisDevice(new DeviceConfigStore(dataDir)));
}

export interface Harness {
  session: VaultSession;
  services: Services;
  location: string;
  locks: string[];
}

/** An unlocked session over a fresh temp vault, with services on a stepping clock. */
export async function openServices(
  options: Omit<ServiceOptions, 'clock'> = {},
  /** The clinician's name in Settings (signing refuses without one); null leaves Settings untouched. */
  clinicianName: string | null = TEST_CLINICIAN,
): Promise<Harness> {
  const { location } = await makeVault();
  const locks: string[] = [];
  const session = new VaultSession(location, (_event, payload) => {
    if ('reason' in payload) locks.push(payload.reason);
  });
  await session.unlock({ passphrase: PASS });
  onTestFinished(() => session.lock('quit').then(() => undefined));
  const services = createServices(session, { ...options, clock: steppingClock() });
  // Signing records the clinician's name, and refuses without one.
  if (clinicianName !== null) await services.settings.update({ clinicianName });
  return { session, services, location, locks };
}

export function clientInput(code: string, extra: Partial<Client> = {}) {
  return {
    code,
    displayName: 'Test Person',
    startDate: '2025-01-06',
    concerns: ['Low mood'],
    goals: [],
    ...extra,
  };
}

export function sessionInput(clientId: string, startsAt = '2025-03-14T09:00:00Z'): Omit<Session, 'id'> {
  return { clientId, startsAt, durationMinutes: 50, modality: 'in-person', attendance: 'attended' };
}

/** A client, one session and a SOAP draft note for it. */
export async function clientWithNote(services: Services, code = 'C-01') {
  const client = await services.clients.create(clientInput(code));
  const session = await services.sessions.create(sessionInput(client.id));
  const note = await services.notes.create(session.id, 'soap');
  return { client, session, note };
}

/** A filled SOAP draft: sections, two dimensions, a withdrawal rupture with repair, participation, plan. */
export function filledDraft(words: { subjective?: string } = {}): NoteDraft {
  const attunement = emptyAttunement();
  attunement.affective = {
    rating: 4,
    unrated: null,
    observation: 'Sadness behind a polite smile when talking about her sister.',
    response: 'I named the sadness gently and slowed down.',
  };
  attunement.rhythmic = {
    rating: 2,
    unrated: null,
    observation: 'Long pauses.',
    response: 'I filled them too soon.',
  };
  const participation = emptyParticipation();
  participation.namedFeelings = { emotions: ['disappointed'], text: 'Found the word after a while.' };
  participation.mindfulBreathing = { used: true, text: 'Three slow breaths before the hard part.' };
  return {
    sections: {
      subjective: words.subjective ?? 'Felt flat all week; work stress with the new manager.',
      objective: 'Slowed speech, tearful once.',
      assessment: 'Low mood persists; alliance strong.',
    },
    attunement,
    coRegulation: 'Her breathing settled when mine did.',
    ruptures: [
      {
        id: 'r1',
        minute: 12,
        type: 'withdrawal',
        markers: ['minimal-response'],
        therapistMarkers: [],
        salience: 3,
        followedLapseOf: ['rhythmic'],
        context: 'After I moved quickly to homework.',
        strategies: ['invite-discussion'],
        outcome: 'resolved',
        repairMinute: 18,
        clientResponse: 'Said it had felt rushed, then re-engaged.',
      },
    ],
    sessionJudgments: { therapistContribution: 3, overallResolution: 4 },
    participation,
    feedback: { relationship: 9, goals: 8, approach: 9, overall: 9 },
    plan: 'Continue weekly; check in about pace at the start.',
    goalProgress: [],
    risk: null,
  };
}

/** Expects `promise` to reject with an AttuneError of `kind`; returns its message. */
export async function expectKind(promise: Promise<unknown>, kind: ErrorKind): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `expected a '${kind}' error`).toBeInstanceOf(AttuneError);
  expect((error as AttuneError).kind, (error as AttuneError).message).toBe(kind);
  return (error as AttuneError).message;
}

/** Every file under `dir` → SHA-256 of its bytes, to show that nothing on disk changed. */
export async function hashTree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (folder: string) => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await walk(path);
      else
        out[relative(dir, path)] = createHash('sha256')
          .update(await readFile(path))
          .digest('hex');
    }
  };
  await walk(dir);
  return out;
}
