import { THEME_CSS, THEME_NAME } from 'virtual:kolibri-theme';
import { register } from '@public-ui/components';
import { defineCustomElements } from '@public-ui/components/loader';
import type { Language } from './i18n.ts';

type ThemePatch = (name: string, map: Record<string, string>, options?: { append?: boolean }) => string;

/** The KERN theme of KoliBri, trimmed at build time to the components Bastei uses (vite-plugins.ts). */
const theme = (patch: ThemePatch) => patch(THEME_NAME, THEME_CSS, { append: false });

/** Registers KoliBri's web components with the theme; its own texts follow the UI language. */
export async function registerKoliBri(language: Language): Promise<void> {
  await register(theme, defineCustomElements, { translation: { name: language } });
}
