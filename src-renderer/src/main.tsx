import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createLazyResetApi } from './api/lazy-reset-api';
import { I18nProvider } from './i18n/i18n-context';
import { detectLanguage, loadMessages } from './i18n/translator';
import { createResetFlowStore } from './state/reset-flow-store';
import { ResetFlowStoreProvider } from './state/store-context';
import './global.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html must contain #root');

// The API client (and the zod schemas it checks answers with) loads in its own chunk: App asks for the settings once
// the first screen is up.
const api = createLazyResetApi(async () => (await import('./api/choose-reset-api')).chooseResetApi(window));
const store = createResetFlowStore(api);

const initialLanguage = detectLanguage(navigator.languages);

// English is in this chunk; another language's texts arrive first (a microtask for English, one small chunk else).
void loadMessages(initialLanguage).then(() => {
  createRoot(container).render(
    <StrictMode>
      <ResetFlowStoreProvider store={store}>
        <I18nProvider initialLanguage={initialLanguage}>
          {/* No FluentProvider here: the first screen is Fluent-free; later screens bring their own (FluentArea.tsx). */}
          <App />
        </I18nProvider>
      </ResetFlowStoreProvider>
    </StrictMode>,
  );
});
