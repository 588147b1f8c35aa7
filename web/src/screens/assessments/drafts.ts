import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Form values kept in sessionStorage under the same prefix as web/src/drafts.ts (so signing out
 * clears them too) until the server has them. Unlike useDraft, forgetting the stored copy keeps
 * what is on screen: after a save the saved value stays.
 */
const PREFIX = 'bastei.draft.';

function read<T>(key: string): T | null {
  try {
    const stored = sessionStorage.getItem(PREFIX + key);
    return stored ? (JSON.parse(stored) as T) : null;
  } catch {
    return null;
  }
}

function write(key: string, value: unknown): void {
  try {
    sessionStorage.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    // Storage full or unavailable: the value lives on screen only.
  }
}

function forget(key: string): void {
  try {
    sessionStorage.removeItem(PREFIX + key);
  } catch {
    // Nothing stored.
  }
}

const same = (a: Record<string, unknown>, b: Record<string, unknown>) =>
  Object.keys({ ...a, ...b }).every((k) => a[k] === b[k]);

export function useStoredState<T extends Record<string, string>>(
  key: string,
  initial: T,
): [T, (patch: Partial<T>) => void, () => void, boolean] {
  const [restored] = useState(() => {
    const stored = read<Partial<T>>(key);
    return stored ? { ...initial, ...stored } : null;
  });
  const [value, setValue] = useState<T>(restored ?? initial);
  const update = useCallback(
    (patch: Partial<T>) =>
      setValue((current) => {
        const next = { ...current, ...patch };
        write(key, next);
        return next;
      }),
    [key],
  );
  const drop = useCallback(() => forget(key), [key]);
  return [value, update, drop, restored !== null && !same(restored, initial)];
}

export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'error';

/**
 * Save as you go: every change is stored in the session at once and sent `delay` ms after the last
 * keystroke; changes made while a save runs are sent right after it. A draft left over from an
 * expired session (login, then back here) is sent when the form mounts again.
 */
export function useAutosave<T extends Record<string, string>>(
  key: string,
  server: T,
  save: (value: T) => Promise<unknown>,
  delay = 700,
) {
  const [value, update, drop, restoredChanges] = useStoredState(key, server);
  const [state, setState] = useState<SaveState>('idle');
  const [error, setError] = useState<unknown>(null);
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const latest = useRef(value);
  latest.current = value;
  const saved = useRef<T>(server);
  const timer = useRef<number | undefined>(undefined);
  const running = useRef(false);
  const again = useRef(false);
  const saveRef = useRef(save);
  saveRef.current = save;

  const flush = useCallback(async (): Promise<void> => {
    window.clearTimeout(timer.current);
    timer.current = undefined;
    if (running.current) {
      again.current = true;
      return;
    }
    const sending = latest.current;
    if (same(sending, saved.current)) {
      drop();
      setState((s) => (s === 'pending' ? 'saved' : s));
      return;
    }
    running.current = true;
    setState('saving');
    setError(null);
    try {
      await saveRef.current(sending);
      // What was sent counts as saved (the server may trim it; comparing with that would loop).
      saved.current = sending;
      setSavedAt(new Date());
      if (same(latest.current, sending)) {
        drop();
        setState('saved');
      } else {
        again.current = true;
      }
    } catch (failure) {
      setError(failure);
      setState('error');
    } finally {
      running.current = false;
      if (again.current) {
        again.current = false;
        timer.current = window.setTimeout(() => void flush(), delay);
      }
    }
  }, [drop, delay]);

  const change = useCallback(
    (patch: Partial<T>) => {
      update(patch);
      setState('pending');
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void flush(), delay);
    },
    [update, flush, delay],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: once on mount and unmount
  useEffect(() => {
    if (restoredChanges) {
      setState('pending');
      timer.current = window.setTimeout(() => void flush(), 0);
    } else {
      drop();
    }
    return () => {
      // Leaving the page (another topic) with a pending change: send it now, do not wait.
      if (timer.current !== undefined) void flush();
    };
  }, []);

  return { value, change, state, error, savedAt, flush };
}
