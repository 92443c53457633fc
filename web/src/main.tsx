/**
 * The app's one entry: the providers every page shares (language, queries), then either the
 * citizen's self-check page or the staff app, each loaded on its own so the citizen's phone never
 * downloads the staff shell, Ant Design's full set or the router.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, type ComponentType } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProblem } from './api/problem.ts';
import { I18nProvider } from './i18n/i18n.tsx';
import { isCitizenPath } from './paths.ts';
import './base.css';

const queryClient = new QueryClient({
  defaultOptions: {
    // A refusal (4xx) will not change by asking again; a dropped connection might.
    queries: { retry: (count, error) => count < 2 && !(error instanceof ApiProblem && error.status >= 400 && error.status < 500) },
  },
});

function render(App: ComponentType) {
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root');
  createRoot(root).render(
    <StrictMode>
      <I18nProvider>
        <QueryClientProvider client={queryClient}>
          <App />
        </QueryClientProvider>
      </I18nProvider>
    </StrictMode>,
  );
}

const app = isCitizenPath(location.pathname) ? import('./pages/selfcheck/SelfCheckPage.tsx') : import('./StaffApp.tsx');
void app.then((module) => render(module.default));
