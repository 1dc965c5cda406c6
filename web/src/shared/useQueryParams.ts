import { useSearchParams } from 'react-router-dom';

/**
 * The page's query string as its filter state: read with `params`, change some keys with
 * `set({ key: value })` (an empty value removes the key). The history entry is replaced, so Back
 * leaves the page instead of stepping through every filter typed.
 */
export function useQueryParams() {
  const [params, setParams] = useSearchParams();
  const set = (patch: Record<string, string | null | undefined>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch)) v ? next.set(k, v) : next.delete(k);
        return next;
      },
      { replace: true },
    );
  return { params, set };
}
