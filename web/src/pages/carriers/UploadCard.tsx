/**
 * Nạp tệp thuê bao (imports.load): a carrier's subscriber file sent from the browser, with the
 * template to fill, the choices the service makes explicit (a full file or the changes, all or
 * nothing or the valid rows, a dry run), progress while the file goes up and while the service
 * reads it, and the run's report. A full file that would close too many lines stops for a person to
 * look and agree, and is sent again with that agreement.
 */
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Form, Progress, Radio, Select, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { CARRIERS } from '../../../../src/domain/reference-data.ts';
import { problemMessage } from '../../api/problem.ts';
import { saveFile } from '../../download.ts';
import { useImportHistory, useImportReport, useImportTemplate, useSubscriberUpload, type ImportQuery, type ImportReport, type ImportRun } from '../../hooks/carriers.ts';
import type { SessionPrincipal } from '../../hooks/session.ts';
import { useMessages } from '../../i18n/i18n.tsx';

interface UploadForm {
  carrier?: ImportQuery['carrier'];
  mode: 'delta' | 'snapshot';
  policy: 'all_or_nothing' | 'valid_rows';
  dryRun: boolean;
}

const percent = (part: number, whole: number) => (whole > 0 ? Math.min(100, Math.floor((part / whole) * 100)) : 0);

/** A radio group's options from a catalogue entry of value → label. */
const choices = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

/** The carrier a carrier's account loads for; undefined for the Department, which names one. */
const ownCarrier = (principal: SessionPrincipal) => principal.scopes.find((s) => s.kind === 'carrier')?.value as ImportQuery['carrier'];

export function UploadCard({ principal }: { principal: SessionPrincipal }) {
  const m = useMessages();
  const [form] = Form.useForm<UploadForm>();
  const [file, setFile] = useState<File | null>(null);
  const [sentQuery, setSentQuery] = useState<ImportQuery | null>(null);
  const upload = useSubscriberUpload();
  const own = ownCarrier(principal);
  const send = (query: ImportQuery) => {
    if (!file) return;
    setSentQuery(query);
    upload.mutate({ file, query });
  };
  const submit = ({ carrier, mode, policy, dryRun }: UploadForm) => send({ carrier: own ?? carrier, mode, policy, dryRun: dryRun ? 'true' : 'false' });
  return (
    <Card title={m.carriers.uploadTitle} size="small">
      <Typography.Paragraph type="secondary">{m.carriers.uploadIntro}</Typography.Paragraph>
      <TemplateLinks />
      <Form<UploadForm>
        form={form}
        layout="vertical"
        initialValues={{ mode: 'delta', policy: 'all_or_nothing', dryRun: false }}
        onFinish={submit}
        disabled={upload.isPending}
        style={{ maxWidth: 640, marginTop: 16 }}
      >
        {own ? (
          <Form.Item label={m.carriers.carrier}>
            <Typography.Text strong>{m.carrier(own)}</Typography.Text>
          </Form.Item>
        ) : (
          <Form.Item name="carrier" label={m.carriers.carrier} rules={[{ required: true, message: m.carriers.chooseCarrier }]}>
            <Select options={CARRIERS.map((carrier) => ({ value: carrier, label: m.carrier(carrier) }))} placeholder={m.carriers.chooseCarrier} />
          </Form.Item>
        )}
        <Form.Item label={m.carriers.fileLabel} required extra={m.carriers.fileHint}>
          <Upload
            accept=".csv,.xlsx"
            maxCount={1}
            beforeUpload={(chosen) => {
              setFile(chosen);
              upload.reset();
              return false;
            }}
            onRemove={() => setFile(null)}
            fileList={file ? [{ uid: 'file', name: file.name, size: file.size, status: 'done' }] : []}
          >
            <Button icon={<UploadOutlined />}>{m.carriers.chooseFile}</Button>
          </Upload>
        </Form.Item>
        <Form.Item name="mode" label={m.carriers.modeLabel}>
          <Radio.Group options={choices(m.carriers.modes)} vertical />
        </Form.Item>
        <Form.Item name="policy" label={m.carriers.policyLabel}>
          <Radio.Group options={choices(m.carriers.policies)} vertical />
        </Form.Item>
        <Form.Item name="dryRun" valuePropName="checked">
          <Checkbox>{m.carriers.dryRun}</Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit" disabled={!file || upload.isPending} loading={upload.isPending}>
          {m.carriers.send}
        </Button>
      </Form>
      {upload.isPending && file && <UploadProgress file={file} carrier={own ?? sentQuery?.carrier} sent={upload.sent} />}
      {upload.error && <Alert type="error" showIcon title={problemMessage(upload.error, m)} role="alert" style={{ marginTop: 16 }} />}
      {upload.data && sentQuery && (
        <UploadOutcome report={upload.data} carrier={own ?? sentQuery.carrier} onConfirm={() => send({ ...sentQuery, confirmClosures: 'true' })} />
      )}
    </Card>
  );
}

function TemplateLinks() {
  const m = useMessages();
  const template = useImportTemplate();
  const get = (format: 'xlsx' | 'csv') => template.mutate(format, { onSuccess: ({ file, name }) => saveFile(file, name) });
  return (
    <Space wrap>
      <Button size="small" icon={<DownloadOutlined />} onClick={() => get('xlsx')} loading={template.isPending && template.variables === 'xlsx'}>
        {m.carriers.templateXlsx}
      </Button>
      <Button size="small" icon={<DownloadOutlined />} onClick={() => get('csv')} loading={template.isPending && template.variables === 'csv'}>
        {m.carriers.templateCsv}
      </Button>
      {template.error && <Typography.Text type="danger">{problemMessage(template.error, m)}</Typography.Text>}
    </Space>
  );
}

/** While the request is out: the bytes sent, then how far the service has read the file (from the history). */
function UploadProgress({ file, carrier, sent }: { file: File; carrier: string | undefined; sent: { bytes: number; total: number } | null }) {
  const m = useMessages();
  const uploaded = sent !== null && sent.bytes >= sent.total;
  const history = useImportHistory(uploaded);
  const run = uploaded ? history.data?.imports.find((r) => r.fileName === file.name && r.carrier === carrier && r.progress !== null) : undefined;
  return (
    <div style={{ marginTop: 16 }} role="status" aria-live="polite">
      {!uploaded ? (
        <>
          <Typography.Text>{m.carriers.uploading}</Typography.Text>
          <Progress percent={percent(sent?.bytes ?? 0, sent?.total ?? file.size)} status="active" />
        </>
      ) : (
        <ServerProgress run={run} />
      )}
    </div>
  );
}

function ServerProgress({ run }: { run: ImportRun | undefined }) {
  const m = useMessages();
  const progress = run?.progress;
  if (!progress || progress.phase === 'hashing') return <Typography.Text>{m.carriers.checkingFile}</Typography.Text>;
  if (progress.phase === 'applying') return <Typography.Text>{m.carriers.applying(progress.rowsCommitted)}</Typography.Text>;
  return (
    <>
      <Typography.Text>{m.carriers.reading(progress.rowsCommitted)}</Typography.Text>
      <Progress percent={percent(progress.bytesRead, progress.totalBytes)} status="active" />
    </>
  );
}

function UploadOutcome({ report, carrier, onConfirm }: { report: ImportReport; carrier: string | undefined; onConfirm: () => void }) {
  const m = useMessages();
  const download = useImportReport();
  const counts = report.counts;
  const reportButton = report.rowsRejected + report.rowsWarned > 0 && (
    <Button size="small" icon={<DownloadOutlined />} loading={download.isPending} onClick={() => download.mutate(report.importId, { onSuccess: ({ file, name }) => saveFile(file, name) })}>
      {m.carriers.download}
    </Button>
  );
  const details = (
    <Space orientation="vertical" size={4}>
      {counts && <span>{m.carriers.outcomeCounts(counts)}</span>}
      <span>{m.carriers.outcomeRows(report.rowsRead, report.rowsStaged, report.rowsRejected, report.rowsWarned)}</span>
      {report.resumedAfterRow > 0 && !report.alreadyApplied && <span>{m.carriers.resumed(report.resumedAfterRow)}</span>}
      {reportButton}
      {download.error && <Typography.Text type="danger">{problemMessage(download.error, m)}</Typography.Text>}
    </Space>
  );
  const style = { marginTop: 16 };
  if (report.alreadyApplied) return <Alert type="info" showIcon style={style} title={m.carriers.alreadyApplied} description={details} role="status" />;
  switch (report.state) {
    case 'applied':
      return <Alert type="success" showIcon style={style} title={m.carriers.applied} description={details} role="status" />;
    case 'dry_run':
      return <Alert type="info" showIcon style={style} title={m.carriers.dryRunDone} description={details} role="status" />;
    case 'refused':
      return <Alert type="error" showIcon style={style} title={m.carriers.refused(report.rowsRejected)} description={details} role="alert" />;
    case 'needs_confirmation':
      return (
        <Alert
          type="warning"
          showIcon
          style={style}
          role="alert"
          title={m.carriers.needsConfirmation(counts?.closed ?? 0, carrier ? m.carrier(carrier) : '')}
          description={
            <Space orientation="vertical" size={8}>
              {details}
              <Button danger onClick={onConfirm}>
                {m.carriers.confirmClosures(counts?.closed ?? 0)}
              </Button>
            </Space>
          }
        />
      );
    default:
      return <Alert type="warning" showIcon style={style} title={m.carriers.states[report.state] ?? report.state} description={details} role="status" />;
  }
}
