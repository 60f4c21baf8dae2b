import { open, seal } from '../aead';
import { ascii, u8 } from '../binary';

/**
 * The small encrypted files a device rewrites (seen.bin §9, presence.bin §10):
 * `magic || u8(2) || sealed`, the AD binding the purpose, the vault and the writing device, so a
 * file moved to another device's folder or vault does not open.
 */
export interface DeviceFileKind {
  magic: string;
  adLabel: string;
}

const header = (kind: DeviceFileKind): Buffer => Buffer.concat([ascii(kind.magic), u8(2)]);
const adOf = (kind: DeviceFileKind, vaultId: Buffer, deviceId: Buffer): Buffer =>
  Buffer.concat([ascii(kind.adLabel), vaultId, deviceId]);

export const sealDeviceFile = (
  kind: DeviceFileKind,
  key: Buffer,
  vaultId: Buffer,
  deviceId: Buffer,
  plaintext: Buffer,
): Buffer => seal(key, plaintext, adOf(kind, vaultId, deviceId), header(kind));

/** The plaintext, or null when the file is not this kind, not version 2, or not authentic. */
export function openDeviceFile(
  kind: DeviceFileKind,
  key: Buffer,
  vaultId: Buffer,
  deviceId: Buffer,
  bytes: Buffer,
): Buffer | null {
  const head = header(kind);
  if (bytes.length < head.length || !bytes.subarray(0, head.length).equals(head)) return null;
  return open(key, bytes, head.length, adOf(kind, vaultId, deviceId));
}
