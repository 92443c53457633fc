import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { useMessages } from '../i18n/i18n.tsx';
import { HOME_PATH } from './staff-pages.tsx';

/** An address the app has no page for. */
export default function NotFoundPage() {
  const m = useMessages();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={m.shell.notFound}
      extra={
        <Button type="primary" onClick={() => void navigate(HOME_PATH)}>
          {m.shell.backHome}
        </Button>
      }
    />
  );
}
