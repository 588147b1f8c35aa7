import { lazy, type ReactNode } from 'react';
import { storedLanguage } from './i18n.ts';

let ready: Promise<void> | null = null;

/**
 * Loads and registers KoliBri once. The login page does not need it (it stays small and uses
 * native controls); every signed-in screen waits for it.
 */
export function loadKoliBri(): Promise<void> {
  ready ??= import('./kolibri.ts').then((module) => module.registerKoliBri(storedLanguage()));
  return ready;
}

/** Suspends (inside the screen's Suspense) until KoliBri is registered, then renders its children. */
export const KoliBriReady = lazy(async () => {
  await loadKoliBri();
  return { default: ({ children }: { children: ReactNode }) => <>{children}</> };
});
