import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import de from './i18n/de.json';

export type Language = 'de' | 'en';
export const LANGUAGES: readonly Language[] = ['de', 'en'];

const STORAGE_KEY = 'bastei.language';

/** The language chosen in this browser; German unless English was picked. */
export function storedLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'de';
  } catch {
    return 'de';
  }
}

/** German ships in the entry bundle; English is fetched only when chosen. */
export async function initI18n(language: Language): Promise<void> {
  const resources: Record<string, { translation: Record<string, unknown> }> = { de: { translation: de } };
  if (language === 'en') resources.en = { translation: (await import('./i18n/en.json')).default };
  await i18next.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'de',
    resources,
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  });
  document.documentElement.lang = language;
}

/**
 * Switching reloads the page: KoliBri reads its own texts (e.g. "Pflichtfeld") once at start.
 * The URL stays, and form drafts survive in sessionStorage.
 */
export function switchLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode without storage: the reload falls back to German.
  }
  window.location.reload();
}
