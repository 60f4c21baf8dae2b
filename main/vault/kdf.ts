import { argon2idInWorker } from './argon2Worker';

/** Argon2id cost settings, stored in the vault header. */
export interface KdfParams {
  memoryKiB: number;
  iterations: number;
  parallelism: number;
}

/** At least 64 MiB, t=3, p=1 (DESIGN.md); about half a second on the reference machine. */
export const DEFAULT_KDF: Readonly<KdfParams> = Object.freeze({
  memoryKiB: 65536,
  iterations: 3,
  parallelism: 1,
});

/**
 * Limits applied to every header that is read (and to `create`). The upper limits stop a tampered
 * header from freezing the app or exhausting memory: the total work (memory × passes) is capped
 * at 4 GiB-passes, roughly 10 s here; the lower limits stop a downgrade to a trivially cheap KDF.
 */
export const KDF_BOUNDS = Object.freeze({
  memoryKiB: { min: 8192, max: 1048576 },
  iterations: { min: 1, max: 10 },
  parallelism: { min: 1, max: 4 },
  maxWorkKiBPasses: 4194304,
});

export const SALT_BYTES = 16;

const inRange = (value: unknown, range: { min: number; max: number }): boolean =>
  typeof value === 'number' && Number.isInteger(value) && value >= range.min && value <= range.max;

/** Why `params` are outside the safe limits, or null when they are fine. */
export function kdfParamsProblem(params: KdfParams): string | null {
  if (!inRange(params.memoryKiB, KDF_BOUNDS.memoryKiB)) {
    return `memory must be ${KDF_BOUNDS.memoryKiB.min}–${KDF_BOUNDS.memoryKiB.max} KiB`;
  }
  if (!inRange(params.iterations, KDF_BOUNDS.iterations)) {
    return `iterations must be ${KDF_BOUNDS.iterations.min}–${KDF_BOUNDS.iterations.max}`;
  }
  if (!inRange(params.parallelism, KDF_BOUNDS.parallelism)) {
    return `parallelism must be ${KDF_BOUNDS.parallelism.min}–${KDF_BOUNDS.parallelism.max}`;
  }
  if (params.memoryKiB * params.iterations > KDF_BOUNDS.maxWorkKiBPasses) {
    return 'memory × iterations is too large';
  }
  // Argon2 needs at least 8 KiB per lane; guaranteed by the bounds above, checked for clarity.
  if (params.memoryKiB < 8 * params.parallelism) return 'memory too small for the parallelism';
  return null;
}

/**
 * Derives the 32-byte key-encryption key from a passphrase. The passphrase is normalised to NFC
 * first so the same words typed on different systems (composed or decomposed accents) match.
 * Argon2id runs in a worker thread (see argon2Worker.ts), so the caller's event loop keeps turning.
 */
export async function deriveKek(passphrase: string, salt: Buffer, params: KdfParams): Promise<Buffer> {
  const password = Buffer.from(passphrase.normalize('NFC'), 'utf8');
  try {
    return await argon2idInWorker(password, salt, { ...params, hashLength: 32 });
  } finally {
    password.fill(0);
  }
}
