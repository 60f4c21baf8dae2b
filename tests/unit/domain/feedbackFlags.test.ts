import { describe, expect, it } from 'vitest';
import { feedbackFlags } from '../../../shared/domain/feedbackFlags';

const fb = (
  relationship: number | null,
  goals: number | null,
  approach: number | null,
  overall: number | null,
) => ({
  relationship,
  goals,
  approach,
  overall,
});

describe('feedback flags', () => {
  it('names a low item, a reliable drop since the previous session, and the total under the line', () => {
    const flags = feedbackFlags(fb(9.5, 7, 9, 8.5), fb(10, 10, 9.5, 9.5), 36);
    expect(flags.map((f) => f.message)).toEqual([
      'Below the concern line (36): consider discussing the alliance with the client.',
      'The total fell from 39 to 34 since the previous session’s feedback (a drop of 5 points or more).',
      'Goals and topics was rated low (7 of 10): ask the client about it.',
      'Overall was rated low (8.5 of 10): ask the client about it.',
    ]);
  });

  it('says nothing of good, steady feedback; a smaller drop is not reliable', () => {
    expect(feedbackFlags(fb(10, 9.5, 9, 9.5), fb(10, 10, 10, 10), 36)).toEqual([]);
    expect(feedbackFlags(null, fb(10, 10, 10, 10))).toEqual([]);
  });

  it('flags a low item of incomplete feedback, never a total it does not have; the line moves the low mark', () => {
    expect(feedbackFlags(fb(4, null, null, null), null, 36).map((f) => f.kind)).toEqual(['item-low']);
    // With the line at 30, 8 of 10 is not low (30 / 4 = 7.5).
    expect(feedbackFlags(fb(8, 8, 8, 8), null, 30)).toEqual([]);
  });

  it('does not call a rating that is not valid (8.55, 11) low: the editor shows it as an error instead', () => {
    expect(feedbackFlags(fb(null, null, null, 8.55), null, 36)).toEqual([]);
    expect(feedbackFlags(fb(null, null, 11, null), null, 36)).toEqual([]);
    expect(feedbackFlags(fb(null, null, null, 8.5), null, 36).map((f) => f.kind)).toEqual(['item-low']);
  });
});
