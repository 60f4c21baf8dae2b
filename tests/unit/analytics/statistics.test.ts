import { describe, expect, it } from 'vitest';
import { leastSquaresSlope, median } from '../../../shared/analytics';

describe('statistics', () => {
  it('gives null, not NaN, for no values', () => {
    expect(median([])).toBeNull();
    expect(leastSquaresSlope([])).toBeNull();
  });

  it('takes the middle value of an odd count, whatever the input order', () => {
    // sorted 2, 4, 10 → 4
    expect(median([4, 10, 2])).toBe(4);
    expect(median([7])).toBe(7);
  });

  it('averages the two middle values of an even count', () => {
    // sorted 2, 4, 8, 10 → (4 + 8) / 2 = 6
    expect(median([10, 2, 8, 4])).toBe(6);
    // sorted 3, 4 → 3.5
    expect(median([4, 3])).toBe(3.5);
  });

  it('does not reorder the caller’s array', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });

  it('fits a least-squares slope', () => {
    // x̄ = 1, ȳ = 4; Σ(dx·dy) = (−1)(0) + 0 + (1)(1) = 1; Σdx² = 2 → 0.5
    expect(
      leastSquaresSlope([
        { x: 0, y: 4 },
        { x: 1, y: 3 },
        { x: 2, y: 5 },
      ]),
    ).toBe(0.5);
    // Two points: rise over run, (4 − 3) / (2 − 0) = 0.5
    expect(
      leastSquaresSlope([
        { x: 0, y: 3 },
        { x: 2, y: 4 },
      ]),
    ).toBe(0.5);
    // Flat ratings: slope 0
    expect(
      leastSquaresSlope([
        { x: 0, y: 3 },
        { x: 5, y: 3 },
      ]),
    ).toBe(0);
  });

  it('has no slope for one point or a single x', () => {
    expect(leastSquaresSlope([{ x: 3, y: 4 }])).toBeNull();
    expect(
      leastSquaresSlope([
        { x: 3, y: 4 },
        { x: 3, y: 5 },
      ]),
    ).toBeNull();
  });
});
