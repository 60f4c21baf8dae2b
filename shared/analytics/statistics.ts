/** Small descriptive statistics over plain numbers; each answers null rather than NaN when undefined. */

/** The median (the mean of the two middle values for an even count), or null for no values. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const upper = sorted[mid]!;
  return sorted.length % 2 === 1 ? upper : (sorted[mid - 1]! + upper) / 2;
}

/** A point for a least-squares fit. */
export interface Point {
  x: number;
  y: number;
}

/**
 * The slope of the least-squares line through the points, or null with fewer than two distinct
 * x values (a single point has no trend).
 */
export function leastSquaresSlope(points: readonly Point[]): number | null {
  if (points.length < 2) return null;
  let sumX = 0;
  let sumY = 0;
  for (const p of points) {
    sumX += p.x;
    sumY += p.y;
  }
  const meanX = sumX / points.length;
  const meanY = sumY / points.length;
  let covariance = 0;
  let varianceX = 0;
  for (const p of points) {
    const dx = p.x - meanX;
    covariance += dx * (p.y - meanY);
    varianceX += dx * dx;
  }
  return varianceX === 0 ? null : covariance / varianceX;
}
