import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/**
 * A screen's filters, sort and page in the URL query, so deep links and the back button keep
 * them. `update` drops empty values; `replace` for typing, where each key stroke is no step back.
 */
export function useQueryParams() {
  const [params, setParams] = useSearchParams();
  const update = useCallback(
    (changes: Record<string, string | null | undefined>, replace = false) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(changes)) {
            if (value === null || value === undefined || value === '') next.delete(key);
            else next.set(key, value);
          }
          return next;
        },
        { replace },
      );
    },
    [setParams],
  );
  return { params, update };
}

/** A value from a fixed list, else the fallback (hand-edited URLs stay harmless). */
export function oneOf<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

export const pageParam = (value: string | null) => Math.max(1, Number.parseInt(value ?? '1', 10) || 1);
