import { useEffect } from 'react';

/** Every screen names itself in the browser tab (and for screen readers, WCAG 2.4.2). */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · 通办管理后台`;
  }, [title]);
}
