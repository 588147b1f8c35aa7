import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { initI18n, storedLanguage } from './i18n.ts';
import 'virtual:kolibri-tokens.css';
import './styles.css';

const language = storedLanguage();
await initI18n(language);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
