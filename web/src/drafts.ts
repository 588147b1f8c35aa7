import { useCallback, useRef, useState } from 'react';

const PREFIX = 'bastei.draft.';

/**
 * Form state kept in sessionStorage while it is typed, so an expired session (login, then back)
 * or a reload loses nothing. Never put passwords or codes in a draft: keep those in useState.
 */
export function useDraft<T extends Record<string, string>>(
  key: string,
  initial: T,
): [T, (patch: Partial<T>) => void, () => void] {
  const storageKey = PREFIX + key;
  const initialValue = useRef(initial);
  const [value, setValue] = useState<T>(() => {
    try {
      const stored = sessionStorage.getItem(storageKey);
      if (stored) return { ...initial, ...(JSON.parse(stored) as Partial<T>) };
    } catch {
      // Unreadable or unavailable storage: start empty.
    }
    return initial;
  });
  const update = useCallback(
    (patch: Partial<T>) =>
      setValue((current) => {
        const next = { ...current, ...patch };
        try {
          sessionStorage.setItem(storageKey, JSON.stringify(next));
        } catch {
          // Storage full or unavailable: the draft lives in memory only.
        }
        return next;
      }),
    [storageKey],
  );
  const clear = useCallback(() => {
    try {
      sessionStorage.removeItem(storageKey);
    } catch {
      // Nothing stored.
    }
    setValue(initialValue.current);
  }, [storageKey]);
  return [value, update, clear];
}

/** On logout every draft goes: the next person at this browser must not see them. */
export function clearAllDrafts(): void {
  try {
    for (const key of Object.keys(sessionStorage)) if (key.startsWith(PREFIX)) sessionStorage.removeItem(key);
  } catch {
    // Nothing stored.
  }
}
