import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FEEDBACK_CONCERN_LINE,
  emptyFeedback,
  feedbackTotal,
  hasInvalidFeedbackItem,
  isBelowConcernLine,
  isFeedbackComplete,
  sessionFeedbackSchema,
} from '../../../shared/domain';
import { issuesOf } from './zodIssues';

const full = { relationship: 9, goals: 9, approach: 8.5, overall: 9 };

describe('session feedback', () => {
  it('totals four complete ratings', () => {
    expect(feedbackTotal(full)).toBe(35.5);
    expect(feedbackTotal({ relationship: 10, goals: 10, approach: 10, overall: 10 })).toBe(40);
    expect(feedbackTotal({ relationship: 0.1, goals: 0.2, approach: 0, overall: 0 })).toBe(0.3);
  });

  it('gives no total while an item is invalid, and flags it (11 of 10 must not count)', () => {
    const typing = { relationship: 11, goals: 8.5, approach: 6, overall: 6 };
    expect(feedbackTotal(typing)).toBeNull();
    expect(hasInvalidFeedbackItem(typing)).toBe(true);
    expect(isBelowConcernLine(typing, 36)).toBe(false);
    expect(feedbackTotal({ ...typing, relationship: 8.55 })).toBeNull();
    expect(feedbackTotal({ ...typing, relationship: -1 })).toBeNull();
    expect(hasInvalidFeedbackItem({ ...typing, relationship: 8 })).toBe(false);
    expect(feedbackTotal({ ...typing, relationship: 8 })).toBe(28.5);
  });

  it('gives no total for missing or partial feedback', () => {
    expect(feedbackTotal(null)).toBeNull();
    expect(feedbackTotal(undefined)).toBeNull();
    expect(feedbackTotal(emptyFeedback())).toBeNull();
    expect(feedbackTotal({ ...full, goals: null })).toBeNull();
    expect(isFeedbackComplete({ ...full, goals: null })).toBe(false);
    expect(isFeedbackComplete(full)).toBe(true);
  });

  it('flags totals below the concern line, 36 by default', () => {
    expect(DEFAULT_FEEDBACK_CONCERN_LINE).toBe(36);
    expect(isBelowConcernLine(full)).toBe(true);
    expect(isBelowConcernLine({ relationship: 9, goals: 9, approach: 9, overall: 9 })).toBe(false);
    expect(isBelowConcernLine({ relationship: 9, goals: 9, approach: 9, overall: 8.9 })).toBe(true);
    expect(isBelowConcernLine(full, 35)).toBe(false);
    expect(isBelowConcernLine({ ...full, overall: null })).toBe(false);
    expect(isBelowConcernLine(null)).toBe(false);
  });

  it('accepts 0–10 in tenths or blank, and explains anything else', () => {
    expect(sessionFeedbackSchema.safeParse(full).success).toBe(true);
    expect(sessionFeedbackSchema.safeParse(emptyFeedback()).success).toBe(true);
    // Each message names its item: two wrong ratings are two lines of a note's error summary.
    const message = 'enter a feedback rating from 0 to 10 (one decimal at most), or leave it blank.';
    expect(issuesOf(sessionFeedbackSchema, { ...full, overall: 11 })).toEqual([
      `overall: Overall: ${message}`,
    ]);
    expect(issuesOf(sessionFeedbackSchema, { ...full, goals: -1 })).toEqual([
      `goals: Goals and topics: ${message}`,
    ]);
    expect(issuesOf(sessionFeedbackSchema, { ...full, approach: 7.25 })).toEqual([
      `approach: Approach: ${message}`,
    ]);
    expect(issuesOf(sessionFeedbackSchema, { ...full, relationship: '9' })).toEqual([
      `relationship: Relationship: ${message}`,
    ]);
  });
});
