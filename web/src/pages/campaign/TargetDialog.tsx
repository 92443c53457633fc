/** Adds or edits a campaign target: its code (new only), measure, goal in percent, label, carrier and unit type. */
import { Form, Input, InputNumber, Select } from 'antd';
import { CAMPAIGN_MEASURES, LINE_MEASURES, TARGET_CODE_PATTERN, type CampaignMeasure } from '../../../../src/domain/campaign-targets.ts';
import { ADMIN_UNIT_TYPES, CARRIERS, type AdminUnitType, type Carrier } from '../../../../src/domain/reference-data.ts';
import { FormDialog } from '../../components/FormDialog.tsx';
import { useSetTarget, type CampaignTargetView } from '../../hooks/campaign.ts';
import { useMessages } from '../../i18n/i18n.tsx';

interface TargetForm {
  code: string;
  measure: CampaignMeasure;
  goalPercent: number;
  label: string;
  carrier: Carrier | null;
  communeType: AdminUnitType | null;
}

export function TargetDialog({ target, onClose }: { target: CampaignTargetView | 'new' | null; onClose: () => void }) {
  const m = useMessages();
  const t = m.campaignPage;
  const save = useSetTarget();
  const [form] = Form.useForm<TargetForm>();
  const measure = Form.useWatch('measure', form);
  const editing = target !== null && target !== 'new' ? target : null;
  const close = () => {
    save.reset();
    onClose();
  };
  const submit = (values: TargetForm) =>
    save.mutate(
      {
        code: editing?.code ?? values.code.trim(),
        body: {
          measure: values.measure,
          // Percent on the screen, a share in the service: 70 → 0.7 without 0.7000000001.
          goalShare: Math.round(values.goalPercent * 10) / 1000,
          label: values.label.trim(),
          carrier: LINE_MEASURES.includes(values.measure) ? (values.carrier ?? null) : null,
          communeType: values.communeType ?? null,
        },
      },
      { onSuccess: close },
    );
  const initialValues: Partial<TargetForm> = editing
    ? { measure: editing.measure, goalPercent: Math.round(editing.goalShare * 1000) / 10, label: editing.label, carrier: editing.carrier, communeType: editing.communeType }
    : { measure: 'target_lines_verified', goalPercent: 100, carrier: null, communeType: null };
  return (
    <FormDialog<TargetForm>
      open={target !== null}
      form={form}
      title={editing ? t.editTitle(editing.code) : t.add}
      okText={t.save}
      onSubmit={submit}
      onCancel={close}
      pending={save.isPending}
      error={save.error}
      initialValues={initialValues}
    >
      {!editing && (
        <Form.Item name="code" label={t.code} extra={t.codeHint} rules={[{ required: true, message: t.required }, { pattern: TARGET_CODE_PATTERN, message: t.codeHint }]}>
          <Input autoFocus autoComplete="off" autoCapitalize="none" spellCheck={false} maxLength={40} />
        </Form.Item>
      )}
      <Form.Item name="label" label={t.label} rules={[{ required: true, whitespace: true, message: t.required }]}>
        <Input autoFocus={editing !== null} maxLength={200} />
      </Form.Item>
      <Form.Item name="measure" label={t.measure}>
        <Select options={CAMPAIGN_MEASURES.map((value) => ({ value, label: t.measures[value] }))} />
      </Form.Item>
      <Form.Item name="goalPercent" label={t.goal} extra={t.goalHint} rules={[{ required: true, message: t.required }]}>
        <InputNumber min={0.1} max={100} step={1} suffix="%" style={{ width: 160 }} />
      </Form.Item>
      {measure !== undefined && LINE_MEASURES.includes(measure) && (
        <Form.Item name="carrier" label={t.carrier}>
          <Select options={[{ value: null, label: t.anyCarrier }, ...CARRIERS.map((c) => ({ value: c, label: m.carrier(c) }))]} />
        </Form.Item>
      )}
      <Form.Item name="communeType" label={t.communeType}>
        <Select options={[{ value: null, label: t.anyCommuneType }, ...ADMIN_UNIT_TYPES.map((u) => ({ value: u, label: t.unitTypes[u] }))]} />
      </Form.Item>
    </FormDialog>
  );
}
