/**
 * Text from another person (a reviewer's name and comments; a client's display name, which can
 * come from an import file) made safe to display: without the invisible characters that reorder
 * or hide what is shown. A right-to-left override can make a name or a remark read as something
 * else, and controls can hide or break text. These are removed wherever the text comes from:
 * typed in the app, read from a comments file or a vault.
 */

/**
 * Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), the directional marks
 * (U+200E, U+200F, U+061C), and every other format character (Unicode category Cf: zero-width
 * space, word joiner, invisible operators, BOM, interlinear annotations, tag characters, soft
 * hyphen, …), except the zero-width joiner and non-joiner, which emoji and scripts such as
 * Persian and the Indic ones need to render correctly.
 */
const FORMAT = /(?![\u200C\u200D])\p{Cf}/gu;
/** C0 and C1 controls and DEL (category Cc), except tab and line feed (handled per use below). */
const CONTROL = /(?![\t\n])\p{Cc}/gu;
/** Line endings of other systems, and the Unicode line and paragraph separators. */
const LINE_BREAK = /\r\n?|[\u2028\u2029]/g;

/**
 * `text` without spoofing characters. With `lines`, tabs and line breaks are kept (as `\n`);
 * without, each becomes a space, for one-line values such as a name.
 */
export function displaySafeText(text: string, options: { lines: boolean }): string {
  const normalised = text.replace(LINE_BREAK, '\n').replace(FORMAT, '').replace(CONTROL, '');
  return options.lines ? normalised : normalised.replace(/[\t\n]/g, ' ');
}
