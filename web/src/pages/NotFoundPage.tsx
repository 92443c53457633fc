import { Result } from 'antd';
import { BackHomeButton } from '../components/BackHomeButton.tsx';
import { useMessages } from '../i18n/i18n.tsx';

/** An address the app has no page for. */
export default function NotFoundPage() {
  const m = useMessages();
  return <Result status="404" title={m.shell.notFound} extra={<BackHomeButton />} />;
}
