// The design tokens and the shared stylesheet first: feature stylesheets, imported by the components below, come after
// it in the bundle and may refine its classes.
import './ui/tokens.css';
import './ui/styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { firstLanguage } from './app/firstLanguage.ts';
import { startFirstScreen } from './app/firstScreen.ts';
import { initI18n } from './i18n/i18n.ts';
import { ErrorBoundary, logCaughtError } from './ui/ErrorBoundary.tsx';

// Before anything waits: the first screen's requests travel while the language and React start.
startFirstScreen(window.location.pathname);
await initI18n(await firstLanguage(window.location.pathname));
// Errors a boundary caught are logged once, with the part's name; one no boundary caught (the last
// boundary's own message failing) keeps React's default: reported as the window's error.
createRoot(document.getElementById('root')!, { onCaughtError: logCaughtError }).render(
  <StrictMode>
    {/* The last resort: App has a boundary around each page; this one holds if the header fails. */}
    <ErrorBoundary scope="page" name="app">
      <App />
    </ErrorBoundary>
  </StrictMode>,
);
