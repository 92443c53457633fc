/**
 * Dữ liệu nhà mạng (imports.read): how the carriers carried out the lock and unlock orders against
 * the 2-hour rule, the orders left open too long, and the history of the subscriber files loaded,
 * each with its report of rejected rows; those who load files load them here. A carrier's staff see
 * their own carrier only.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { problemMessage } from '../../api/problem.ts';
import { TABLE_SCROLL } from '../../components/table-scroll.ts';
import { saveFile } from '../../download.ts';
import { formatInstant } from '../../format.ts';
import { useImportHistory, useImportReport, useLockTimeliness, type ImportRun, type LockTimeliness } from '../../hooks/carriers.ts';
import { useSession } from '../../hooks/session.ts';
import { useMessages } from '../../i18n/i18n.tsx';
import { UploadCard } from './UploadCard.tsx';

type CarrierTimeliness = LockTimeliness['carriers'][number];
type FlaggedOrder = LockTimeliness['flagged'][number];

const STATE_COLOURS: Record<string, string> = { applied: 'green', refused: 'red', needs_confirmation: 'gold', dry_run: 'blue' };
const count = (n: number) => n.toLocaleString('vi-VN');
const minutes = (n: number | null) => (n === null ? '—' : n.toLocaleString('vi-VN', { maximumFractionDigits: 0 }));

function LockOrdersCard() {
  const m = useMessages();
  const figures = useLockTimeliness();
  const columns: TableColumnsType<CarrierTimeliness> = [
    { key: 'carrier', title: m.carriers.carrier, render: (_, c) => m.carrier(c.carrier) },
    { key: 'orders', title: m.carriers.orders, align: 'right', render: (_, c) => count(c.orders) },
    { key: 'within', title: m.carriers.withinLimit, align: 'right', render: (_, c) => count(c.withinLimit) },
    { key: 'late', title: m.carriers.late, align: 'right', render: (_, c) => (c.late > 0 ? <Typography.Text type="warning">{count(c.late)}</Typography.Text> : '0') },
    { key: 'open', title: m.carriers.open, align: 'right', render: (_, c) => count(c.open) },
    { key: 'flagged', title: m.carriers.flagged, align: 'right', render: (_, c) => (c.flagged > 0 ? <Typography.Text type="danger">{count(c.flagged)}</Typography.Text> : '0') },
    { key: 'median', title: m.carriers.median, align: 'right', render: (_, c) => minutes(c.medianMinutes) },
    { key: 'p95', title: m.carriers.p95, align: 'right', render: (_, c) => minutes(c.p95Minutes) },
  ];
  const flaggedColumns: TableColumnsType<FlaggedOrder> = [
    { key: 'carrier', title: m.carriers.carrier, render: (_, o) => m.carrier(o.carrier) },
    { key: 'msisdn', title: m.carriers.msisdn, dataIndex: 'msisdn' },
    { key: 'action', title: m.carriers.action, render: (_, o) => m.carriers.actions[o.action] ?? o.action },
    { key: 'due', title: m.carriers.dueAt, render: (_, o) => formatInstant(o.dueAt) },
    { key: 'open', title: m.carriers.minutesOpen, align: 'right', render: (_, o) => m.carriers.waited(o.minutesOpen) },
  ];
  return (
    <Card title={m.carriers.ordersTitle} size="small">
      {figures.data && <Typography.Paragraph type="secondary">{m.carriers.ordersIntro(figures.data.limitMinutes, figures.data.flagAfterMinutes)}</Typography.Paragraph>}
      {figures.error && <Alert type="error" showIcon title={problemMessage(figures.error, m)} role="alert" />}
      <Table<CarrierTimeliness>
        rowKey="carrier"
        columns={columns}
        dataSource={figures.data?.carriers}
        loading={figures.isFetching}
        pagination={false}
        size="small"
        scroll={TABLE_SCROLL}
        locale={{ emptyText: m.carriers.noOrders }}
        aria-label={m.carriers.ordersTitle}
      />
      {(figures.data?.flagged.length ?? 0) > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {m.carriers.flaggedTitle}
          </Typography.Title>
          <Table<FlaggedOrder> rowKey="id" columns={flaggedColumns} dataSource={figures.data?.flagged} pagination={{ pageSize: 10, hideOnSinglePage: true }} size="small" scroll={TABLE_SCROLL} aria-label={m.carriers.flaggedTitle} />
        </>
      )}
    </Card>
  );
}

function ImportHistoryCard() {
  const m = useMessages();
  const history = useImportHistory();
  const report = useImportReport();
  const columns: TableColumnsType<ImportRun> = [
    { key: 'at', title: m.carriers.startedAt, render: (_, r) => formatInstant(r.startedAt), width: 150 },
    { key: 'carrier', title: m.carriers.carrier, render: (_, r) => m.carrier(r.carrier) },
    { key: 'file', title: m.carriers.file, render: (_, r) => <Typography.Text ellipsis={{ tooltip: r.fileName }}>{r.fileName}</Typography.Text> },
    { key: 'actor', title: m.carriers.actor, dataIndex: 'actor' },
    { key: 'state', title: m.carriers.state, render: (_, r) => <Tag color={STATE_COLOURS[r.state] ?? 'default'}>{m.carriers.states[r.state] ?? r.state}</Tag> },
    { key: 'read', title: m.carriers.rowsRead, align: 'right', render: (_, r) => count(r.rowsRead) },
    { key: 'accepted', title: m.carriers.accepted, align: 'right', render: (_, r) => count(r.rowsStaged) },
    { key: 'added', title: m.carriers.added, align: 'right', render: (_, r) => count(r.counts.added) },
    { key: 'changed', title: m.carriers.changed, align: 'right', render: (_, r) => count(r.counts.changed) },
    { key: 'closed', title: m.carriers.closed, align: 'right', render: (_, r) => count(r.counts.closed) },
    { key: 'rejected', title: m.carriers.rejected, align: 'right', render: (_, r) => count(r.rowsRejected) },
    {
      key: 'report',
      title: m.carriers.report,
      render: (_, r) =>
        r.rowsRejected + r.rowsWarned > 0 ? (
          <Button
            size="small"
            icon={<DownloadOutlined />}
            loading={report.isPending && report.variables === r.id}
            onClick={() => report.mutate(r.id, { onSuccess: ({ file, name }) => saveFile(file, name) })}
          >
            {m.carriers.download}
          </Button>
        ) : (
          '—'
        ),
    },
  ];
  return (
    <Card title={m.carriers.importsTitle} size="small">
      <Typography.Paragraph type="secondary">{m.carriers.importsIntro}</Typography.Paragraph>
      {(history.error ?? report.error) && <Alert type="error" showIcon title={problemMessage(history.error ?? report.error, m)} role="alert" />}
      <Table<ImportRun>
        rowKey="id"
        columns={columns}
        dataSource={history.data?.imports}
        loading={history.isFetching}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        size="small"
        scroll={TABLE_SCROLL}
        locale={{ emptyText: m.carriers.noImports }}
        aria-label={m.carriers.importsTitle}
      />
    </Card>
  );
}

export default function CarriersPage() {
  const m = useMessages();
  const { data: principal } = useSession();
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {m.carriers.title}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {m.carriers.intro}
        </Typography.Paragraph>
      </div>
      {principal?.actions.includes('imports.load') && <UploadCard principal={principal} />}
      <LockOrdersCard />
      <ImportHistoryCard />
    </Space>
  );
}
