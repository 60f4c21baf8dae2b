/**
 * Orders strings by their UTF-16 code units: the same order on every computer, whatever its
 * language (localeCompare's is not), as ids, ISO times and merges need.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
