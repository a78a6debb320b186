import { useSearchParams } from 'react-router';

/**
 * A page's filters kept in the address (so a reload or a shared link keeps them):
 * the current parameters, and a setter that sets or clears several at once.
 */
export function useUrlFilters() {
  const [params, setParams] = useSearchParams();
  const setParam = (entries: Record<string, string | number | undefined>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [key, value] of Object.entries(entries)) {
          if (value === undefined || value === '') next.delete(key);
          else next.set(key, String(value));
        }
        return next;
      },
      { replace: true },
    );
  return [params, setParam] as const;
}
