import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { useMessages } from '../i18n/i18n.tsx';
import { HOME_PATH } from './staff-pages.tsx';

/** An address the app has no page for. */
export default function NotFoundPage() {
  const m = useMessages();
  return (
    <Result
      status="404"
      title={m.shell.notFound}
      extra={
        <Link to={HOME_PATH}>
          <Button type="primary">{m.shell.backHome}</Button>
        </Link>
      }
    />
  );
}
