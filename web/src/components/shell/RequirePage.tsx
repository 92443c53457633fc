import { Result } from 'antd';
import type { ReactNode } from 'react';
import { useSession } from '../../hooks/session.ts';
import { BackHomeButton } from '../BackHomeButton.tsx';
import { useMessages } from '../../i18n/i18n.tsx';
import type { StaffPage } from '../../pages/staff-pages.tsx';

/** A staff page, shown when the signed-in person's actions include the one it needs (the shell has signed them in). */
export function RequirePage({ page, children }: { page: StaffPage; children: ReactNode }) {
  const m = useMessages();
  const { data: principal } = useSession();
  if (!principal?.actions.includes(page.action)) return <Result status="403" title={m.shell.forbidden} extra={<BackHomeButton />} />;
  return children;
}
