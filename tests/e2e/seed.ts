import { join } from 'node:path';
import type { Backend } from '../../main/ipc/createBackend';
import { generateDemo } from '../../main/services/demo/generateDemo';
import { writeDemo } from '../../main/services/demo/writeDemo';
import { DeviceConfigStore } from '../../main/services/device/DeviceConfigStore';
import { openVaultAs } from '../../main/services/device/openVaultAs';
import { ThisDevice } from '../../main/services/device/ThisDevice';
import type { OpenVault } from '../../main/vault/OpenVault';
import { Vault } from '../../main/vault/Vault';
import { SyncedOpenVault } from '../../main/vault/v2/SyncedOpenVault';
import { SyncedVault } from '../../main/vault/v2/SyncedVault';
import type { Client } from '../../shared/domain/clientSchema';
import type { Session } from '../../shared/domain/sessionSchema';
import { summarizeNote } from '../../shared/summaries/noteSummary';
import { passphrase } from './steps';

/** Small KDF parameters keep the tests quick; the app reads them from the vault like any others. */
const kdf = { memoryKiB: 8192, iterations: 1, parallelism: 1 };

/** This computer as the app in the harness is it: its settings in the data folder. */
const thisComputer = (dataDir: string) => new ThisDevice(new DeviceConfigStore(dataDir));

/**
 * Creates the vault in `<dataDir>/vault`, open, for a test to fill and lock: in format 2 (the
 * app's format) as this computer, so the app carries on as the same one; or in format 1, as an
 * older Attune left it (the app upgrades it at unlock).
 */
export async function createTestVault(dataDir: string, format: 1 | 2 = 2): Promise<OpenVault> {
  const dir = join(dataDir, 'vault');
  if (format === 1) return (await Vault.create(dir, passphrase, { kdf })).vault;
  const device = await thisComputer(dataDir).identity();
  const { vault } = await SyncedVault.create(dir, passphrase, { kdf, device, heartbeatMs: 0 });
  return new SyncedOpenVault(vault);
}

/** Opens the vault in `<dataDir>/vault`, in either format, as this computer. */
export function openTestVault(dataDir: string): Promise<OpenVault> {
  return openVaultAs(join(dataDir, 'vault'), { passphrase }, thisComputer(dataDir));
}

/** A vault in `<dataDir>/vault` filled with deterministic demo data, locked again; returns what was written. */
export async function seedDemoVault(
  dataDir: string,
  options: { clients: number; sessionsPerClient: number; seed: number; format?: 1 | 2 },
) {
  const { format = 2, ...demo } = options;
  const data = generateDemo(demo);
  const vault = await createTestVault(dataDir, format);
  await writeDemo(vault, data);
  await vault.lock();
  return { ...data, summaries: data.notes.map(summarizeNote) };
}

/** Calls main's router as the renderer would, throwing main's error kind and message on a refusal. */
export function caller(backend: Backend) {
  return async <T>(method: string, input?: unknown): Promise<T> => {
    const result = await backend.router.call(method, input);
    if (!result.ok) throw new Error(`${method}: ${result.error.kind}: ${result.error.message}`);
    return result.value as T;
  };
}

const DAY = 24 * 60 * 60 * 1000;

/** A session `days` before now, on the hour. */
export function daysAgo(days: number): string {
  const at = new Date(Date.now() - days * DAY);
  at.setMinutes(0, 0, 0);
  return at.toISOString();
}

/**
 * A test vault unlocked through main's calls (no screen), signed by `clinician`, holding one
 * client; `session(startsAt)` adds an attended 50-minute session of that client.
 */
export async function seedClient(
  dataDir: string,
  backend: Backend,
  who: { clinician: string; code: string; displayName: string },
) {
  await (await createTestVault(dataDir)).lock();
  const call = caller(backend);
  await call('vault:unlock', { passphrase });
  await call('settings:update', { clinicianName: who.clinician });
  const client = await call<Client>('clients:create', {
    code: who.code,
    displayName: who.displayName,
    startDate: '2026-01-05',
    concerns: [],
    goals: [],
  });
  const session = (startsAt: string) =>
    call<Session>('sessions:create', {
      clientId: client.id,
      startsAt,
      durationMinutes: 50,
      modality: 'in-person',
      attendance: 'attended',
    });
  return { call, client, session };
}
