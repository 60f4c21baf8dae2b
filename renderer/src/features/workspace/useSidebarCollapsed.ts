import { useCallback, useEffect, useState } from 'react';

/** Below this width the sidebar starts collapsed to its icons. */
const NARROW = '(max-width: 899px)';

/**
 * Whether the sidebar is collapsed: as the window's width says (narrow → collapsed), until the
 * user toggles it; a later change across the width resets it to what the width says.
 */
export function useSidebarCollapsed(): [boolean, () => void] {
  const [collapsed, setCollapsed] = useState(() => window.matchMedia(NARROW).matches);
  useEffect(() => {
    const query = window.matchMedia(NARROW);
    const follow = () => setCollapsed(query.matches);
    query.addEventListener('change', follow);
    return () => query.removeEventListener('change', follow);
  }, []);
  const toggle = useCallback(() => setCollapsed((c) => !c), []);
  return [collapsed, toggle];
}
