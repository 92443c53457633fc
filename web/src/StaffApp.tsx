/**
 * The staff app: Ant Design in the page's language, the router with the sign-in page and every
 * staff page of pages/staff-pages.tsx inside the shell, each loaded on its first visit.
 */
import { LoadingOutlined } from '@ant-design/icons';
import { ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { useI18n } from './i18n/i18n.tsx';
import { SIGN_IN_PATH } from './paths.ts';
import { STAFF_PAGES, type StaffPage } from './pages/staff-pages.tsx';
import { RequirePage } from './components/shell/RequirePage.tsx';
import { PageLoading } from './components/PageLoading.tsx';

function pageRoute(page: StaffPage): RouteObject {
  return {
    path: page.path,
    lazy: async () => {
      const { default: Page } = await page.load();
      return {
        Component: () => (
          <RequirePage page={page}>
            <Page />
          </RequirePage>
        ),
      };
    },
  };
}

const router = createBrowserRouter([
  { path: SIGN_IN_PATH, HydrateFallback: PageLoading, lazy: async () => ({ Component: (await import('./pages/sign-in/SignInPage.tsx')).default }) },
  {
    HydrateFallback: PageLoading,
    lazy: async () => ({ Component: (await import('./components/shell/Shell.tsx')).default }),
    children: [...STAFF_PAGES.map(pageRoute), { path: '*', lazy: async () => ({ Component: (await import('./pages/NotFoundPage.tsx')).default }) }],
  },
]);

/**
 * Every button's spinner, given rather than Ant Design's default. The default one folds away with a
 * CSS transition and waits for its `transitionend` with no deadline; when an answer comes within a
 * frame or two of the click, nothing transitions, and the invisible spinner (an image named
 * "loading") stays in the button for good, so a screen reader, and a test finding the button by its
 * name, meets "loading Xác thực" after the wait is over. A given spinner is shown only while the
 * button waits.
 */
const BUTTONS = { loadingIcon: <LoadingOutlined /> };

export default function StaffApp() {
  const { language } = useI18n();
  return (
    <ConfigProvider locale={language === 'vi' ? viVN : enUS} button={BUTTONS}>
      <RouterProvider router={router} />
    </ConfigProvider>
  );
}
