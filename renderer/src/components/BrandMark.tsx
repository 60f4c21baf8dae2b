import { AudioWaveform } from 'lucide-react';
import { Icon } from './Icon';

/** The app's name and mark above the lock and first-run screens. */
export function BrandMark() {
  return (
    <p className="brand-mark">
      <Icon icon={AudioWaveform} size={20} /> Attune
    </p>
  );
}
