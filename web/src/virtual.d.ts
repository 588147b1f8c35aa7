declare module 'virtual:kolibri-theme' {
  export const THEME_NAME: string;
  export const THEME_CSS: Record<string, string>;
}
declare module 'virtual:kolibri-tokens.css';
