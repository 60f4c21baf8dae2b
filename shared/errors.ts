/**
 * The app's error type and the wording of validation problems. Both the vault, the services and
 * the IPC layer use them, so they live here rather than in the IPC contract (shared/ipc).
 */
import { type core, z } from 'zod';

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

const typeWords: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'yes or no',
  array: 'a list',
  object: 'a group of fields',
  record: 'a group of fields',
  date: 'a date',
  undefined: 'nothing here',
  null: 'nothing here',
};

const sizeUnit = (origin: string, n: number | bigint): string => {
  if (origin === 'string') return n === 1 ? 'character' : 'characters';
  if (origin === 'array' || origin === 'set') return n === 1 ? 'item' : 'items';
  return '';
};

function bound(
  origin: string,
  limit: number | bigint,
  exact: boolean | undefined,
  side: 'min' | 'max',
  inclusive = true,
): string {
  const unit = sizeUnit(origin, limit);
  if (origin === 'string' || origin === 'array' || origin === 'set') {
    if (exact) return `Must have exactly ${limit} ${unit}.`;
    if (side === 'min')
      return limit === 1 && inclusive ? 'Must not be empty.' : `Must have at least ${limit} ${unit}.`;
    return `Must have at most ${limit} ${unit}.`;
  }
  if (side === 'min') return inclusive ? `Must be ${limit} or more.` : `Must be more than ${limit}.`;
  return inclusive ? `Must be ${limit} or less.` : `Must be less than ${limit}.`;
}

/**
 * A validation problem in the app's words, for issues whose schema gave no message of its own.
 * Installed as zod's global error map below, so no user ever reads zod's own English.
 */
export function issueMessage(issue: core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'This is required.';
      return `Expected ${typeWords[issue.expected] ?? issue.expected}.`;
    case 'too_small':
      return bound(issue.origin, issue.minimum, issue.exact, 'min', issue.inclusive);
    case 'too_big':
      return bound(issue.origin, issue.maximum, issue.exact, 'max', issue.inclusive);
    case 'invalid_format':
      return issue.format === 'regex'
        ? 'This is not in the expected form.'
        : `This is not a valid ${issue.format}.`;
    case 'not_multiple_of':
      return `Must be a multiple of ${issue.divisor}.`;
    case 'unrecognized_keys':
      return `Unexpected field${issue.keys.length === 1 ? '' : 's'}: ${issue.keys
        .slice(0, 5)
        .map((key) => (key.length > 40 ? `${key.slice(0, 40)}…` : key))
        .join(', ')}.`;
    case 'invalid_union':
      return 'This does not match any of the allowed forms.';
    case 'invalid_key':
      return 'A field name here is not allowed.';
    case 'invalid_element':
      return 'An item here is not valid.';
    case 'invalid_value':
      return issue.values.length <= 6
        ? `Must be one of: ${issue.values.map((v) => String(v)).join(', ')}.`
        : 'This is not one of the allowed values.';
    default:
      return 'This value is not valid.';
  }
}

z.config({ customError: issueMessage });

interface Issue {
  path: PropertyKey[];
  message: string;
}

/** One readable line per problem (at most five), naming the field where there is one. */
export function describeIssues(issues: readonly Issue[]): string {
  const lines = issues.slice(0, 5).map((issue) => {
    const where = issue.path.map(String).join('.');
    const message = issue.message.replace(/[.;\s]+$/u, '');
    return where ? `${where}: ${message}` : message;
  });
  return lines.length > 0 ? `${lines.join('; ')}.` : 'This input is not valid.';
}
