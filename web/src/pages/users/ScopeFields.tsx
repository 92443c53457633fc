/** The scope part of an account's form: the communes of a commune officer, the carrier of a carrier's staff; nothing for the province's roles. */
import { Form, Select } from 'antd';
import { CARRIERS } from '../../../../src/domain/reference-data.ts';
import { ROLE_SCOPE, type Role } from '../../../../src/domain/access.ts';
import { useAdminUnits } from '../../hooks/admin-units.ts';
import { useMessages } from '../../i18n/i18n.tsx';
import { NAME_SEARCH } from '../../search-text.ts';

export function ScopeFields({ role }: { role: Role | undefined }) {
  const m = useMessages();
  const units = useAdminUnits();
  const required = [{ required: true, message: m.users.required }];
  const kind = role && ROLE_SCOPE[role];
  if (kind === 'commune') {
    return (
      <Form.Item name="communes" label={m.users.communes} extra={m.users.communesHint} rules={required}>
        <Select
          mode="multiple"
          showSearch={NAME_SEARCH}
          loading={units.isPending}
          options={(units.data ?? []).map((unit) => ({ value: unit.code, label: unit.name }))}
        />
      </Form.Item>
    );
  }
  if (kind === 'carrier') {
    return (
      <Form.Item name="carrier" label={m.users.carrier} rules={required}>
        <Select options={CARRIERS.map((carrier) => ({ value: carrier, label: m.carrier(carrier) }))} />
      </Form.Item>
    );
  }
  return null;
}
