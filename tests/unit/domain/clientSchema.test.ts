import { describe, expect, it } from 'vitest';
import { clientSchema } from '../../../shared/domain';
import { validClient } from './fixtures';
import { issuesOf } from './zodIssues';

const emptyCodeMessage =
  'Enter a client code (letters, digits, dashes or underscores; up to 24 characters, starting with a letter or digit).';
const onlyThese =
  'A client code can only contain letters A–Z (without accents), digits, dashes or underscores: take out';

describe('clientSchema', () => {
  it('accepts a valid client, with or without a display name', () => {
    expect(clientSchema.parse(validClient)).toEqual(validClient);
    const { displayName: _, ...anonymous } = validClient;
    expect(clientSchema.safeParse(anonymous).success).toBe(true);
  });

  it('asks for a code only when there is none', () => {
    expect(issuesOf(clientSchema, { ...validClient, code: '' })).toEqual([`code: ${emptyCodeMessage}`]);
    const { code: _, ...noCode } = validClient;
    expect(issuesOf(clientSchema, noCode)).toEqual([`code: ${emptyCodeMessage}`]);
    expect(issuesOf(clientSchema, { ...validClient, code: 14 })).toEqual([`code: ${emptyCodeMessage}`]);
  });

  it('says what is wrong with a code that was entered', () => {
    const cases: Array<[string, string]> = [
      ['C 014!', `${onlyThese} the space and “!”.`],
      ['has two spaces', `${onlyThese} the spaces.`],
      ['ünï', `${onlyThese} “ü” and “ï”.`],
      // An accent typed as its own character is named with its letter, as it shows.
      ['Re\u0301ne', `${onlyThese} “é”.`],
      ['C\u200B014', `${onlyThese} the invisible character U+200B.`],
      ['C/0.1:4#7', `${onlyThese} “/”, “.”, “:” and “#”.`],
      ['!@#$%^&', `${onlyThese} “!”, “@”, “#”, “$” and other characters.`],
      ['-lead', 'A client code must start with a letter or digit, not a dash or underscore.'],
      ['_lead', 'A client code must start with a letter or digit, not a dash or underscore.'],
      ['x'.repeat(25), 'A client code can be at most 24 characters; this one has 25.'],
    ];
    for (const [code, message] of cases) {
      expect(issuesOf(clientSchema, { ...validClient, code }), code).toEqual([`code: ${message}`]);
    }
  });

  it('accepts letters, digits, dashes and underscores, up to 24, from a letter or digit', () => {
    for (const code of ['C-014', '7', 'a_B-9'.padEnd(24, '0'), 'client_2025-03']) {
      expect(clientSchema.safeParse({ ...validClient, code }).success, code).toBe(true);
    }
  });

  it('limits the display name', () => {
    expect(issuesOf(clientSchema, { ...validClient, displayName: 'n'.repeat(121) })).toEqual([
      'displayName: A display name can be at most 120 characters.',
    ]);
  });

  it('takes out of the display name the invisible characters that could disguise it', () => {
    // A right-to-left override would show "Jane Doe\u202Eeod" reversed; a NUL or a zero-width space hides text.
    const parsed = clientSchema.parse({
      ...validClient,
      displayName: ' Jane\u0000 Doe\u202E\u200Bxyz\u2066 ',
    });
    expect(parsed.displayName).toBe('Jane Doexyz');
    // Scripts that need joiners keep them, and right-to-left names are untouched.
    expect(clientSchema.parse({ ...validClient, displayName: 'مریم\u200Cخانم' }).displayName).toBe(
      'مریم\u200Cخانم',
    );
    expect(clientSchema.parse({ ...validClient, displayName: 'דנה כהן' }).displayName).toBe('דנה כהן');
  });

  it('rejects start dates that are not on the calendar', () => {
    const message = 'startDate: Enter a date as yyyy-mm-dd that exists on the calendar, e.g. 2025-03-14.';
    for (const startDate of [
      '2023-02-29',
      '2025-04-31',
      '2025-13-01',
      '14/03/2025',
      '2025-03-14T00:00:00Z',
    ]) {
      expect(issuesOf(clientSchema, { ...validClient, startDate })).toEqual([message]);
    }
  });

  it('explains bad status, list items and timestamps', () => {
    expect(issuesOf(clientSchema, { ...validClient, status: 'archived' })).toEqual([
      'status: Choose a status: active or closed.',
    ]);
    expect(issuesOf(clientSchema, { ...validClient, goals: ['  '] })).toEqual([
      'goals.0: Each goal needs some text.',
    ]);
    expect(issuesOf(clientSchema, { ...validClient, updatedAt: '2025-03-14 10:00' })).toEqual([
      'updatedAt: Enter a date and time in ISO 8601 form with a time zone, e.g. 2025-03-14T09:30:00Z.',
    ]);
  });

  it('refuses unknown fields rather than storing them', () => {
    expect(issuesOf(clientSchema, { ...validClient, ssn: '123' })).toEqual([': Unrecognized key: "ssn"']);
  });
});
