/**
 * A form in a dialog, the one way the staff pages ask for something before doing it: Enter in a
 * field submits (the OK button is the form's submit), the first field has the focus, the service's
 * refusal shows inside the dialog, and the fields start empty at each opening.
 */
import { Alert, Form, Modal, type FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { problemMessage } from '../api/problem.ts';
import { useMessages } from '../i18n/i18n.tsx';

export interface FormDialogProps<Values> {
  open: boolean;
  title: ReactNode;
  okText: string;
  onSubmit: (values: Values) => void;
  onCancel: () => void;
  pending: boolean;
  /** The last refusal of the service, shown above the buttons. */
  error: unknown;
  initialValues?: Partial<Values>;
  /** Reads the form's values while it is filled (a field shown only for some role). */
  form?: FormInstance<Values>;
  children: ReactNode;
}

export function FormDialog<Values extends object>({ open, title, okText, onSubmit, onCancel, pending, error, initialValues, form, children }: FormDialogProps<Values>) {
  const m = useMessages();
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText={m.app.cancel}
      onCancel={onCancel}
      okButtonProps={{ htmlType: 'submit', loading: pending }}
      destroyOnHidden
      mask={{ closable: false }}
      modalRender={(dialog) => (
        <Form<Values> form={form} layout="vertical" requiredMark={false} initialValues={initialValues} onFinish={onSubmit} disabled={pending} clearOnDestroy>
          {dialog}
        </Form>
      )}
    >
      {children}
      {error ? <Alert type="error" showIcon title={problemMessage(error, m)} role="alert" /> : null}
    </Modal>
  );
}
