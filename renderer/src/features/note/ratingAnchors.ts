/**
 * Where the editor reads a dimension's rating anchors (each dimension has its own since issue
 * 14), so the rating rows never reach into the dimension data themselves.
 */
import type { Dimension, RatingAnchor } from '../../../../shared/domain/dimensions';

/** The 1–5 anchors shown for a dimension's rating, lowest first. */
export function anchorsFor(dimension: Pick<Dimension, 'anchors'>): readonly RatingAnchor[] {
  return dimension.anchors;
}
