/**
 * The national service's answer at the desk: the outcome, each field with match / no match / not
 * checked and what the person must fix (the service's Vietnamese guidance), the corrections made
 * to the carrier's record, and whether the line was unlocked. No score is ever shown (there is none).
 * A table on a wide screen, a list on a phone (three columns of guidance do not fit one).
 */
import { UnlockOutlined } from '@ant-design/icons';
import { Alert, Card, Grid, List, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import type { VerificationAnswer } from '../../hooks/desk.ts';
import { useMessages } from '../../i18n/i18n.tsx';

type FieldName = keyof VerificationAnswer['fields'];
type Field = VerificationAnswer['fields'][FieldName];
const FIELDS: readonly FieldName[] = ['documentNumber', 'fullName', 'birthDate', 'face', 'liveness'];

const RESULT_COLOURS: Record<Field['result'], string> = { match: 'green', pass: 'green', no_match: 'red', fail: 'red', not_checked: 'default' };
const OUTCOME_TYPES = { verified: 'success', rejected: 'error', pending: 'info', otp_required: 'info', face_redo_required: 'warning' } as const;

function ResultTag({ field }: { field: Field }) {
  const m = useMessages();
  if (!field.required && field.result === 'not_checked') return <Tag>{m.desk.result.notRequired}</Tag>;
  return <Tag color={RESULT_COLOURS[field.result]}>{m.desk.result.results[field.result]}</Tag>;
}

export function ResultView({ answer }: { answer: VerificationAnswer }) {
  const m = useMessages();
  const rows = FIELDS.map((name) => ({ name, ...answer.fields[name] }));
  const columns: TableColumnsType<(typeof rows)[number]> = [
    { key: 'field', title: m.desk.result.field, render: (_, row) => m.desk.result.fields[row.name], width: '26%' },
    { key: 'result', title: m.desk.result.outcome, render: (_, row) => <ResultTag field={row} />, width: '22%' },
    { key: 'guidance', title: m.desk.result.guidance, render: (_, row) => row.message },
  ];
  const wide = Grid.useBreakpoint().md === true;
  const explained = (items: VerificationAnswer['reasons'], title: string) =>
    items.length > 0 && <List size="small" header={<Typography.Text strong>{title}</Typography.Text>} dataSource={items.map((r) => r.message)} renderItem={(text) => <List.Item>{text}</List.Item>} />;
  return (
    <Card title={m.desk.result.title} className="desk-result" aria-live="polite">
      <Alert
        type={OUTCOME_TYPES[answer.outcome]}
        showIcon
        title={`${m.desk.result.outcomes[answer.outcome]} · ${m.desk.result.line(answer.msisdn)}`}
        description={answer.unlocked && <Tag icon={<UnlockOutlined />} color="green">{m.desk.result.unlocked}</Tag>}
        style={{ marginBottom: 16 }}
      />
      {wide ? (
        <Table rowKey="name" columns={columns} dataSource={rows} pagination={false} size="small" onRow={(row) => ({ 'data-field': row.name }) as HTMLAttributes<HTMLElement>} />
      ) : (
        <List
          size="small"
          dataSource={rows}
          rowKey="name"
          renderItem={(row) => (
            <List.Item data-field={row.name}>
              <List.Item.Meta
                title={
                  <>
                    {m.desk.result.fields[row.name]} <ResultTag field={row} />
                  </>
                }
                description={row.message}
              />
            </List.Item>
          )}
        />
      )}
      {explained(answer.reasons, m.desk.result.reasons)}
      {explained(answer.corrections, m.desk.result.corrections)}
    </Card>
  );
}
