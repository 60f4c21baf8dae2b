/**
 * What the sidebar's client filter says (politely) of what it found: nothing while nothing is
 * typed, unless there are no clients at all.
 */
export function filterWords(clients: number, query: string, shown: number): string {
  if (clients === 0) return 'No clients yet.';
  if (!query.trim()) return '';
  if (shown === 0) return 'No client matches.';
  return shown === 1 ? '1 client matches.' : `${shown} clients match.`;
}

/**
 * Where a key pressed on the sidebar's client at `index` (of `count`) takes focus: another row,
 * back to the filter (ArrowUp on the first, Escape), or null for a key the list leaves alone.
 */
export function listKeyTarget(key: string, index: number, count: number): number | 'filter' | null {
  switch (key) {
    case 'ArrowDown':
      return Math.min(index + 1, count - 1);
    case 'ArrowUp':
      return index === 0 ? 'filter' : index - 1;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    case 'Escape':
      return 'filter';
    default:
      return null;
  }
}
