/** The kinds of failure that cross the process boundary; the renderer switches on these. */
export const errorKinds = [
  'invalid-input',
  'locked',
  'wrong-passphrase',
  'not-a-vault',
  'vault-exists',
  'unsupported-version',
  'integrity',
  'in-use',
  'not-found',
  'conflict',
  'read-only',
  'io',
  'internal',
] as const;
export type ErrorKind = (typeof errorKinds)[number];

export interface AppError {
  kind: ErrorKind;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (kind: ErrorKind, message: string): Result<never> => ({
  ok: false,
  error: { kind, message },
});

/**
 * Thrown by services and the vault; the router turns it into a failed Result.
 * Its message is shown to the user, so it must say what happened and what to do.
 */
export class AttuneError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'AttuneError';
  }
}

/** Ends an exhaustive switch: a new union member becomes a compile error here. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
