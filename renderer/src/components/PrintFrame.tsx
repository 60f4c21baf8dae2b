import './printFrame.css';
import { type ReactNode, useEffect, useRef } from 'react';
import { createPortal } from 'react-dom';

/**
 * A view laid out for paper, rendered beside the app, off screen and inert, only while it is
 * printed; `@media print` in printFrame.css hides everything else, so Electron's printToPDF (and
 * Chromium's in the tests) prints this view alone. `onReady` fires once, two frames after it
 * mounts: charts measure their width in a layout effect, then draw at that width.
 */
export function PrintFrame({
  className,
  onReady,
  children,
}: {
  /** The view's own class, for its print rules (and the chart colours of `.print-root`). */
  className: string;
  onReady: () => void;
  children: ReactNode;
}) {
  const fired = useRef(false);
  useEffect(() => {
    let inner = 0;
    const outer = requestAnimationFrame(() => {
      inner = requestAnimationFrame(() => {
        if (fired.current) return;
        fired.current = true;
        onReady();
      });
    });
    return () => {
      cancelAnimationFrame(outer);
      cancelAnimationFrame(inner);
    };
  }, [onReady]);

  return createPortal(
    <div className={`print-frame ${className}`} inert>
      {children}
    </div>,
    document.body,
  );
}
