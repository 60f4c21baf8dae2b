import { describe, expect, it } from 'vitest';
import { filterWords, listKeyTarget } from '../../../renderer/src/features/workspace/sidebarFilterKeys';

describe("the sidebar's client filter", () => {
  it('says what it found, only once something is typed', () => {
    expect(filterWords(0, '', 0)).toBe('No clients yet.');
    expect(filterWords(18, '', 12)).toBe('');
    expect(filterWords(18, '  ', 12)).toBe('');
    expect(filterWords(18, 'C-017', 1)).toBe('1 client matches.');
    expect(filterWords(18, 'C-01', 8)).toBe('8 clients match.');
    expect(filterWords(18, 'zz', 0)).toBe('No client matches.');
  });

  it('moves by the arrows, Home and End within the list; up from the first and Escape go to the filter', () => {
    expect(listKeyTarget('ArrowDown', 0, 3)).toBe(1);
    expect(listKeyTarget('ArrowDown', 2, 3)).toBe(2);
    expect(listKeyTarget('ArrowUp', 2, 3)).toBe(1);
    expect(listKeyTarget('ArrowUp', 0, 3)).toBe('filter');
    expect(listKeyTarget('Home', 2, 3)).toBe(0);
    expect(listKeyTarget('End', 0, 3)).toBe(2);
    expect(listKeyTarget('Escape', 1, 3)).toBe('filter');
    expect(listKeyTarget('Enter', 1, 3)).toBeNull();
    expect(listKeyTarget('a', 1, 3)).toBeNull();
  });
});
