/**
 * Where the editor reads a dimension's rating anchors: the one place to change when anchors
 * become per dimension (issue 14), so the rating rows never reach into the scale themselves.
 */
import type { Dimension, RatingAnchor } from '../../../../shared/domain/dimensions';

/** The 1–5 anchors shown for a dimension's rating, lowest first. */
export function anchorsFor(dimension: Pick<Dimension, 'anchors'>): readonly RatingAnchor[] {
  return dimension.anchors;
}

/** What "Not observed" means, shown as its anchor. */
export const notObservedDescription = 'Could not be judged in this session.';
