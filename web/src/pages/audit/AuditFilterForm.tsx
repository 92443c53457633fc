/** Who, what and when to read in the log: a username, an action (named, or any code typed), a time range in Vietnam time. */
import { AutoComplete, Button, Col, DatePicker, Form, Input, Row, Space, type GetProp } from 'antd';
import type { AuditFilter } from '../../hooks/audit.ts';
import { useMessages } from '../../i18n/i18n.tsx';

type Period = NonNullable<GetProp<typeof DatePicker.RangePicker, 'value'>>;

interface FilterForm {
  actor?: string;
  action?: string;
  period?: Period;
}

const blankToUndefined = (text: string | undefined) => (text?.trim() ? text.trim() : undefined);

function filterOf({ actor, action, period }: FilterForm): AuditFilter {
  return {
    actor: blankToUndefined(actor),
    action: blankToUndefined(action),
    from: period?.[0]?.toISOString(),
    to: period?.[1]?.toISOString(),
  };
}

export function AuditFilterForm({ onFilter }: { onFilter: (filter: AuditFilter) => void }) {
  const m = useMessages();
  const [form] = Form.useForm<FilterForm>();
  const actionOptions = Object.entries(m.audit.actions).map(([code, name]) => ({ value: code, label: `${name} (${code})` }));
  return (
    <Form<FilterForm> form={form} layout="vertical" onFinish={(values) => onFilter(filterOf(values))}>
      <Row gutter={12}>
        <Col xs={24} md={6}>
          <Form.Item name="actor" label={m.audit.actor}>
            <Input placeholder={m.audit.actorPlaceholder} autoCapitalize="none" spellCheck={false} allowClear />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="action" label={m.audit.action}>
            <AutoComplete
              options={actionOptions}
              placeholder={m.audit.actionPlaceholder}
              allowClear
              showSearch={{ filterOption: (typed, option) => String(option?.label ?? '').toLowerCase().includes(typed.toLowerCase()) }}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={10}>
          <Form.Item name="period" label={m.audit.period}>
            <DatePicker.RangePicker
              showTime={{ format: 'HH:mm' }}
              format="DD/MM/YYYY HH:mm"
              placeholder={[m.audit.periodStart, m.audit.periodEnd]}
              allowEmpty={[true, true]}
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Col>
      </Row>
      <Space wrap style={{ marginBottom: 16 }}>
        <Button type="primary" htmlType="submit">
          {m.audit.filter}
        </Button>
        <Button
          onClick={() => {
            form.resetFields();
            onFilter({});
          }}
        >
          {m.audit.clear}
        </Button>
      </Space>
    </Form>
  );
}
