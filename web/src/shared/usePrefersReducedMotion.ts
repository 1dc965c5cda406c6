// Whether the person has asked their system for less motion (WCAG 2.3.3). The admin app then turns
// antd's animations off: dialogs, drop-downs and messages appear at once instead of zooming or sliding.
import { useSyncExternalStore } from 'react';

const QUERY = '(prefers-reduced-motion: reduce)';

function subscribe(onChange: () => void): () => void {
  const list = window.matchMedia?.(QUERY);
  list?.addEventListener('change', onChange);
  return () => list?.removeEventListener('change', onChange);
}

const current = (): boolean => window.matchMedia?.(QUERY).matches ?? false;

export function usePrefersReducedMotion(): boolean {
  return useSyncExternalStore(subscribe, current, () => false);
}
