import { Spin } from 'antd';
import { useMessages } from '../i18n/i18n.tsx';

/** While a page's code or the session loads. */
export function PageLoading() {
  const m = useMessages();
  return <Spin fullscreen description={m.app.loading} />;
}
