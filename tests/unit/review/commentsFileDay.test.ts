/**
 * A reviewer's comments file is dated the day they send it, their own day: in Los Angeles at
 * 9 PM on December 3 it is already December 4 in UTC, which the name said before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commentsFileName } from '../../../renderer/src/features/review/exportFileNames';

const zoneBefore = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'America/Los_Angeles';
});
afterAll(() => {
  if (zoneBefore === undefined) delete process.env.TZ;
  else process.env.TZ = zoneBefore;
});

describe('the comments file’s suggested name', () => {
  it('carries the reviewer’s local day', () => {
    expect(commentsFileName('Client A', new Date('2026-12-04T05:00:00Z'))).toBe(
      'Client-A-comments-2026-12-03.attune-comments',
    );
  });
});
