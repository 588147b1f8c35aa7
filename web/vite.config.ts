import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { kolibriTheme, precompress, stencilAdoptedHydrationStyles } from './vite-plugins.ts';

/** The KoliBri components the UI uses; only their theme CSS is bundled (see vite-plugins.ts). */
const KOLIBRI_COMPONENTS = [
  'kol-alert',
  'kol-button',
  'kol-input-email',
  'kol-input-password',
  'kol-input-text',
  'kol-pagination',
  'kol-select',
  'kol-spin',
] as const;

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [
    react(),
    kolibriTheme({ theme: 'KERN_V2', components: KOLIBRI_COMPONENTS }),
    stencilAdoptedHydrationStyles(),
    precompress(),
  ],
  resolve: {
    alias: {
      // Fonts of the KoliBri themes (the package's export map hides its assets folder).
      '@kolibri-assets': fileURLToPath(new URL('../node_modules/@public-ui/themes/assets', import.meta.url)),
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Stencil's component metadata makes the entry chunk larger than Vite's default warning.
    chunkSizeWarningLimit: 700,
  },
  server: {
    port: 5173,
    // The API refuses cross-origin writes: present the proxied requests as the server's own origin.
    proxy: {
      '/api': { target: 'http://localhost:3000', headers: { origin: 'http://localhost:3000' } },
    },
  },
});
