import { z } from 'zod';
import { openDeviceFile, sealDeviceFile } from './deviceFileSeal';

/** A device's heartbeat while it has the vault open (FORMAT.md §10). */
export interface Presence {
  at: string;
  name: string;
  open: boolean;
  editing: Array<{ kind: string; id: string }>;
}

export interface PresentDevice {
  deviceHex: string;
  name: string;
  minutesAgo: number;
  editing: Array<{ kind: string; id: string }>;
}

export const PRESENCE_FILE = 'presence.bin';
const KIND = { magic: 'ATPR', adLabel: 'attune/v2/presence' };
/** A heartbeat is written every minute; one older than this means the app was closed without saying so. */
const PRESENT_MS = 5 * 60_000;

const schema = z.strictObject({
  at: z.iso.datetime(),
  name: z.string().min(1).max(200),
  open: z.boolean(),
  editing: z
    .array(
      z.strictObject({
        kind: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/),
        id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/),
      }),
    )
    .max(100),
});

export const encodePresence = (key: Buffer, vaultId: Buffer, deviceId: Buffer, presence: Presence): Buffer =>
  sealDeviceFile(KIND, key, vaultId, deviceId, Buffer.from(JSON.stringify(schema.parse(presence)), 'utf8'));

/** The heartbeat, or null when the file is damaged or not authentic (it is rewritten every minute). */
export function decodePresence(
  key: Buffer,
  vaultId: Buffer,
  deviceId: Buffer,
  bytes: Buffer,
): Presence | null {
  const plain = openDeviceFile(KIND, key, vaultId, deviceId, bytes);
  if (!plain) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(plain.toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * The other devices that have the vault open now: their file says open and is less than 5
 * minutes old. A heartbeat dated more than 5 minutes in the future (a clock set wrong) is not
 * counted, or a device that crashed would look present for as long as its clock is ahead.
 * Most recent first.
 */
export function presentDevices(
  list: Array<{ deviceHex: string; presence: Presence }>,
  now: Date,
  ownHex: string,
  /**
   * Ids this computer wrote under before (after a restore or a rollback it carries on under a new
   * one): their presence files, copied back open, are this computer's own, never another's.
   */
  formerHex: ReadonlySet<string> = new Set(),
): PresentDevice[] {
  const present: Array<{ age: number; device: PresentDevice }> = [];
  for (const { deviceHex, presence } of list) {
    const age = now.getTime() - Date.parse(presence.at);
    if (deviceHex === ownHex || formerHex.has(deviceHex)) continue;
    if (!presence.open || !(Math.abs(age) < PRESENT_MS)) continue;
    const minutesAgo = Math.max(0, Math.floor(age / 60_000));
    const editing = presence.editing.map((e) => ({ kind: e.kind, id: e.id }));
    present.push({ age, device: { deviceHex, name: presence.name, minutesAgo, editing } });
  }
  present.sort((a, b) => a.age - b.age || (a.device.deviceHex < b.device.deviceHex ? -1 : 1));
  return present.map((p) => p.device);
}

/** "Also open on Office iMac, 2 min ago" (or "just now" within the first minute). */
export const presenceText = (p: { name: string; minutesAgo: number }): string =>
  `Also open on ${p.name}, ${p.minutesAgo < 1 ? 'just now' : `${p.minutesAgo} min ago`}`;
