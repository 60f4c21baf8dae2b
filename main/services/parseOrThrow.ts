import type { z } from 'zod';
import { AttuneError } from '../../shared/errors';
import { describeIssues } from '../../shared/errors';

/**
 * Parses a value the services are about to store or act on. A failure becomes an `invalid-input`
 * error whose message names each problem, as the router's own validation does.
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AttuneError('invalid-input', describeIssues(parsed.error.issues));
  return parsed.data;
}
