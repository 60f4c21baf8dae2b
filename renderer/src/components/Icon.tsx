import type { LucideIcon } from 'lucide-react';
import type { ButtonHTMLAttributes } from 'react';

/**
 * One icon from the app's set (lucide-react), decorative: hidden from assistive technology, so
 * the control it sits in must carry the words (its text, or an aria-label). Usage:
 *   <button type="button"><Icon icon={Lock} /> Lock</button>
 *   <IconButton icon={X} label="Close" onClick={…} />
 * Features may also use lucide-react directly with `aria-hidden`.
 */
export function Icon({ icon: Glyph, size = 16 }: { icon: LucideIcon; size?: number }) {
  return <Glyph aria-hidden="true" focusable="false" size={size} strokeWidth={1.75} />;
}

type IconButtonProps = Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'aria-label' | 'children' | 'type'> & {
  icon: LucideIcon;
  /** The button's accessible name, also shown as its tooltip. */
  label: string;
};

/** A square button holding only an icon; `label` is its name for screen readers and its tooltip. */
export function IconButton({ icon, label, className, ...rest }: IconButtonProps) {
  return (
    <button
      {...rest}
      type="button"
      className={className ? `icon ${className}` : 'icon'}
      aria-label={label}
      title={label}
    >
      <Icon icon={icon} />
    </button>
  );
}
