import type { AppError, ErrorKind } from '../errors';

export { type AppError, AttuneError, assertNever, type ErrorKind, errorKinds } from '../errors';

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (kind: ErrorKind, message: string): Result<never> => ({
  ok: false,
  error: { kind, message },
});
