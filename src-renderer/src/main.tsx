import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { App } from './App';
import { chooseResetApi } from './api/choose-reset-api';
import { I18nProvider } from './i18n/i18n-context';
import { detectLanguage } from './i18n/translator';
import { createResetFlowStore } from './state/reset-flow-store';
import { ResetFlowStoreProvider } from './state/store-context';
import './global.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html must contain #root');

const store = createResetFlowStore(chooseResetApi(window));
void store.getState().loadAppInfo();

createRoot(container).render(
  <StrictMode>
    <ResetFlowStoreProvider store={store}>
      <I18nProvider initialLanguage={detectLanguage(navigator.languages)}>
        <FluentProvider theme={webLightTheme}>
          <App />
        </FluentProvider>
      </I18nProvider>
    </ResetFlowStoreProvider>
  </StrictMode>,
);
