/**
 * Hatch patterns for bars, so series are told apart by texture as well as colour. The same
 * patterns are drawn in the chart and in each legend swatch, so an exported SVG carries them too.
 */
import type { BarStyle } from './chartTheme';

/** An id usable in `url(#…)`: React's useId output with anything but letters and digits dropped. */
export function patternPrefix(reactId: string): string {
  return `p${reactId.replace(/[^A-Za-z0-9]/g, '')}`;
}

/** What fills a bar of this style: its colour, or its hatch pattern. */
export function barFill(prefix: string, key: string, style: BarStyle): string {
  return style.hatch === 'none' ? style.color : `url(#${prefix}-${key})`;
}

/** One hatch pattern: the series colour with lighter marks over it. */
export function BarPattern({ id, style }: { id: string; style: BarStyle }) {
  if (style.hatch === 'none') return null;
  return (
    <pattern
      id={id}
      width={6}
      height={6}
      patternUnits="userSpaceOnUse"
      patternTransform={style.hatch === 'dots' ? undefined : 'rotate(45)'}
    >
      <rect width={6} height={6} fill={style.color} />
      {style.hatch === 'dots' && <circle cx={3} cy={3} r={1.4} fill="var(--card)" />}
      {style.hatch !== 'dots' && <rect width={2} height={6} fill="var(--card)" opacity={0.75} />}
      {style.hatch === 'cross' && <rect width={6} height={2} fill="var(--card)" opacity={0.75} />}
    </pattern>
  );
}

/** The `<defs>` holding one pattern per hatched style. */
export function BarPatternDefs({ prefix, styles }: { prefix: string; styles: Record<string, BarStyle> }) {
  return (
    <defs>
      {Object.entries(styles).map(([key, style]) => (
        <BarPattern key={key} id={`${prefix}-${key}`} style={style} />
      ))}
    </defs>
  );
}
