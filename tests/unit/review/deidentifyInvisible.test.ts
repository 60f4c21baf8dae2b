import { describe, expect, it } from 'vitest';
import { deidentify } from '../../../shared/review/deidentify';

const options = { names: ['Robin Okafor', 'C-014'], replacement: '[name]' };
/** The text as a reader sees it: format characters (soft hyphen, zero-width space…) show as nothing. */
const shown = (text: string) => text.replace(/\p{Cf}/gu, '');

/**
 * Text pasted from a word processor, a PDF or a web page carries characters that show as nothing:
 * a soft hyphen inside "Okafor" still reads "Okafor" in the packet, so it must not hide the name
 * from de-identification. A code typed with a non-breaking hyphen is the code.
 */
describe('names split by characters that show as nothing', () => {
  it.each([
    ['a soft hyphen', 'Oka\u00adfor came late.'],
    ['a zero-width space', 'Ro\u200bbin came late.'],
    ['a word joiner', 'Robin O\u2060kafor came late.'],
    ['a zero-width non-joiner', 'Oka\u200cfor came late.'],
    ['a byte order mark', '\ufeffRobin came late.'],
  ])('replaces a name holding %s', (_what, text) => {
    const out = deidentify(text, options);
    expect(shown(out).toLowerCase()).not.toMatch(/robin|okafor/);
    expect(shown(out)).toMatch(/^\[name\]( \[name\])? came late\.$/);
  });

  it('leaves other words with such characters as they were', () => {
    const text = 'Hyphen\u00adation and Ro\u00adbinson stay.';
    expect(deidentify(text, options)).toBe(text);
  });

  // Read the other way too: such a character between words hides nothing ("metRobin" still names
  // Robin). On the safe side, a name before a soft hyphen goes even inside a longer word.
  it.each([
    ['met\u200bRobin today', 'met\u200b[name] today'],
    ['Robin\u200bOkafor came', '[name]\u200b[name] came'],
    ['Okafor\u200band partner', '[name]\u200band partner'],
    ['said\u2060Robin', 'said\u2060[name]'],
    ['asked \u200eRobin\u200f twice', 'asked \u200e[name]\u200f twice'],
    ['Robin\u00adson', '[name]\u00adson'],
  ])('replaces a name beside such a character: %j', (text, expected) => {
    expect(deidentify(text, options)).toBe(expected);
  });

  it('takes a listed name holding such a character both ways: its parts and the whole', () => {
    const names = { names: ['Robin\u200bOkafor'], replacement: '[name]' };
    expect(deidentify('Robin came; Okafor said; RobinOkafor wrote.', names)).toBe(
      '[name] came; [name] said; [name] wrote.',
    );
  });

  it.each([
    ['a non-breaking hyphen', 'C\u2011014'],
    ['a hyphen', 'C\u2010014'],
    ['a minus sign', 'C\u2212014'],
  ])('replaces the code written with %s', (_what, code) => {
    expect(deidentify(`Intake form ${code}.`, options)).toBe('Intake form [name].');
  });
});
