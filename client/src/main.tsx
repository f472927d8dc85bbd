// The design tokens and the shared stylesheet first: feature stylesheets, imported by the components below, come after
// it in the bundle and may refine its classes.
import './ui/tokens.css';
import './ui/styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { startFirstScreen } from './app/firstScreen.ts';
import { initI18n } from './i18n/i18n.ts';

// Before anything waits: the first screen's requests travel while the language and React start.
startFirstScreen(window.location.pathname);
await initI18n();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
