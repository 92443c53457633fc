import { Button } from 'antd';
import { useNavigate } from 'react-router';
import { useMessages } from '../i18n/i18n.tsx';
import { HOME_PATH } from '../pages/staff-pages.tsx';

/** The way out of a page that shows nothing (not found, not permitted): back to the overview. */
export function BackHomeButton() {
  const m = useMessages();
  const navigate = useNavigate();
  return (
    <Button type="primary" onClick={() => void navigate(HOME_PATH)}>
      {m.shell.backHome}
    </Button>
  );
}
