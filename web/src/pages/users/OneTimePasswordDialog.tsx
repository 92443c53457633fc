/** A new or reset account's one-time password, shown this once with a copy button; closed only on purpose. */
import { Alert, Button, Modal, Typography } from 'antd';
import { useMessages } from '../../i18n/i18n.tsx';

export interface IssuedPassword {
  username: string;
  password: string;
}

export function OneTimePasswordDialog({ issued, onClose }: { issued: IssuedPassword | null; onClose: () => void }) {
  const m = useMessages();
  return (
    <Modal
      open={issued !== null}
      title={m.users.passwordTitle}
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={onClose} autoFocus>
          {m.users.passwordClose}
        </Button>
      }
    >
      {issued && (
        <>
          <Typography.Paragraph>{m.users.passwordFor(issued.username)}</Typography.Paragraph>
          <Typography.Paragraph>
            {/* Large: it is read out or typed from the screen by someone else. */}
            <Typography.Text code copyable style={{ fontSize: 18 }} data-testid="one-time-password">
              {issued.password}
            </Typography.Text>
          </Typography.Paragraph>
          <Alert type="warning" showIcon title={m.users.passwordOnce} />
        </>
      )}
    </Modal>
  );
}
