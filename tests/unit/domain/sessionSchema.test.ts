import { describe, expect, it } from 'vitest';
import { sessionSchema } from '../../../shared/domain';
import { validSession } from './fixtures';
import { issuesOf } from './zodIssues';

describe('sessionSchema', () => {
  it('accepts a valid session', () => {
    expect(sessionSchema.parse(validSession)).toEqual(validSession);
  });

  it('keeps the duration to whole minutes from 1 to 600', () => {
    const message = 'durationMinutes: Enter a duration in whole minutes from 1 to 600.';
    for (const durationMinutes of [0, 601, 50.5, '50']) {
      expect(issuesOf(sessionSchema, { ...validSession, durationMinutes })).toEqual([message]);
    }
    expect(sessionSchema.safeParse({ ...validSession, durationMinutes: 600 }).success).toBe(true);
  });

  it('explains bad modality, attendance and start time', () => {
    expect(issuesOf(sessionSchema, { ...validSession, modality: 'chat' })).toEqual([
      'modality: Choose a modality: in person, video or phone.',
    ]);
    expect(issuesOf(sessionSchema, { ...validSession, attendance: 'late' })).toEqual([
      'attendance: Choose attendance: attended, late cancellation, no-show or cancelled.',
    ]);
    expect(issuesOf(sessionSchema, { ...validSession, startsAt: '2025-02-30T09:00:00Z' })).toEqual([
      'startsAt: Enter a date and time in ISO 8601 form with a time zone, e.g. 2025-03-14T09:30:00Z.',
    ]);
  });
});
