/**
 * Asks why before personal data is shown or the log exported (Law 91/2025: every read and export of
 * personal data is logged with its reason). 5–500 characters, as the service checks it.
 */
import { Form, Input, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useMessages } from '../i18n/i18n.tsx';
import { FormDialog, type FormDialogProps } from './FormDialog.tsx';

export const REASON_LENGTH = { min: 5, max: 500 } as const;

export interface ReasonDialogProps extends Omit<FormDialogProps<{ reason: string }>, 'onSubmit' | 'children' | 'form' | 'initialValues'> {
  /** What happens once a reason is given. */
  explanation: ReactNode;
  onSubmit: (reason: string) => void;
}

export function ReasonDialog({ explanation, onSubmit, ...dialog }: ReasonDialogProps) {
  const m = useMessages();
  return (
    <FormDialog<{ reason: string }> {...dialog} onSubmit={({ reason }) => onSubmit(reason.trim())}>
      <Typography.Paragraph>{explanation}</Typography.Paragraph>
      <Form.Item
        name="reason"
        label={m.reason.label}
        rules={[
          { required: true, whitespace: true, message: m.reason.required },
          { min: REASON_LENGTH.min, max: REASON_LENGTH.max, transform: (value: string) => value.trim(), message: m.reason.length(REASON_LENGTH.min, REASON_LENGTH.max) },
        ]}
      >
        {/* One line, so Enter submits: a reason is a sentence, not a document. */}
        <Input autoFocus maxLength={REASON_LENGTH.max} showCount placeholder={m.reason.placeholder} />
      </Form.Item>
    </FormDialog>
  );
}
