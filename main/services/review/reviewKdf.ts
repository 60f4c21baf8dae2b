/**
 * Argon2id limits for review packets and comments files. These files come from another person,
 * so their header is hostile until proven otherwise: the vault's own bounds (up to 1 GiB and
 * 10 passes, for a header the user made themselves) would let a packet freeze the app for
 * minutes. Review files are made by Attune with the default settings, so about twice that work
 * is the most a genuine one can ask for.
 */
import { DEFAULT_KDF, type KdfParams } from '../../vault/kdf';

export const REVIEW_KDF_BOUNDS = Object.freeze({
  memoryKiB: { min: 8192, max: 131072 },
  iterations: { min: 1, max: 6 },
  parallelism: { min: 1, max: 2 },
  /** memory × passes: twice the default's (64 MiB × 3). */
  maxWorkKiBPasses: 2 * DEFAULT_KDF.memoryKiB * DEFAULT_KDF.iterations,
});

/** What a reader says when a file asks for more than the bounds allow. */
export const TOO_MUCH_WORK =
  'This review file asks for more work to open than Attune allows; it may be damaged or hostile.';
/** What a reader says when a file asks for less than Attune ever writes. */
export const TOO_LITTLE_WORK =
  'This review file’s key settings are weaker than Attune ever writes; it may be damaged or tampered with, so it was not opened.';

const isInt = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);

/**
 * Whether `params` are within the review files' bounds: null when they are, 'too-much' when a
 * file would cost more to open than allowed, 'too-little' when it is weaker than Attune writes.
 * Checked before any key derivation.
 */
export function reviewKdfProblem(params: KdfParams): 'too-much' | 'too-little' | null {
  const { memoryKiB, iterations, parallelism } = params;
  const b = REVIEW_KDF_BOUNDS;
  if (!isInt(memoryKiB) || !isInt(iterations) || !isInt(parallelism)) return 'too-much';
  if (memoryKiB > b.memoryKiB.max || iterations > b.iterations.max || parallelism > b.parallelism.max) {
    return 'too-much';
  }
  if (memoryKiB * iterations > b.maxWorkKiBPasses) return 'too-much';
  if (memoryKiB < b.memoryKiB.min || iterations < b.iterations.min || parallelism < b.parallelism.min) {
    return 'too-little';
  }
  return null;
}
