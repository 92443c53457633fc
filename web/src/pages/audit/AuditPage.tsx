/**
 * Nhật ký truy cập (audit.read): the log newest first, filtered by actor, action and time; pages go
 * back in time by the last row's id (`nextBefore`); the export asks why, as the service logs it.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Flex, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { problemMessage } from '../../api/problem.ts';
import { ReasonDialog } from '../../components/ReasonDialog.tsx';
import { TABLE_SCROLL } from '../../components/table-scroll.ts';
import { saveFile } from '../../download.ts';
import { formatInstant } from '../../format.ts';
import { useAuditExport, useAuditPage, type AuditEntry, type AuditFilter } from '../../hooks/audit.ts';
import { useMessages } from '../../i18n/i18n.tsx';
import { AuditFilterForm } from './AuditFilterForm.tsx';

function EntryDetails({ entry }: { entry: AuditEntry }) {
  const m = useMessages();
  return (
    <Descriptions
      size="small"
      column={1}
      items={[
        { key: 'request', label: m.audit.requestId, children: entry.requestId ?? '—' },
        { key: 'details', label: m.audit.details, children: entry.details ? <Typography.Text code>{entry.details}</Typography.Text> : '—' },
      ]}
    />
  );
}

/** A name in the page's language over the code the log holds (an action's, a subject's id), which the auditor may search for. */
function NameOverCode({ name, code }: { name: string; code: string | null }) {
  return (
    <Space orientation="vertical" size={0}>
      <span>{name}</span>
      {code && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {code}
        </Typography.Text>
      )}
    </Space>
  );
}

export default function AuditPage() {
  const m = useMessages();
  const [filter, setFilter] = useState<AuditFilter>({});
  // The `before` of each page read so far, the first page's undefined: back is the one before.
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const before = cursors.at(-1);
  const page = useAuditPage(filter, before);
  const exporter = useAuditExport();
  const [exporting, setExporting] = useState(false);
  const [exported, setExported] = useState<string | null>(null);

  const columns: TableColumnsType<AuditEntry> = [
    { key: 'at', title: m.audit.at, render: (_, e) => formatInstant(e.at), width: 150 },
    { key: 'actor', title: m.audit.actor, dataIndex: 'actor' },
    { key: 'action', title: m.audit.action, render: (_, e) => <NameOverCode name={m.audit.actions[e.action] ?? e.action} code={e.action} /> },
    {
      key: 'subject',
      title: m.audit.subject,
      render: (_, e) => (e.subjectType ? <NameOverCode name={m.audit.subjects[e.subjectType] ?? e.subjectType} code={e.subjectId} /> : '—'),
    },
    { key: 'reason', title: m.audit.reason, render: (_, e) => e.reason ?? '—' },
    { key: 'client', title: m.audit.client, render: (_, e) => e.clientAddress ?? '—' },
  ];

  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {m.audit.title}
        </Typography.Title>
        <Button icon={<DownloadOutlined />} onClick={() => setExporting(true)}>
          {m.audit.export}
        </Button>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {m.audit.intro}
      </Typography.Paragraph>
      <AuditFilterForm
        onFilter={(next) => {
          setFilter(next);
          setCursors([undefined]);
        }}
      />
      {exported && <Alert type="success" showIcon closable={{ onClose: () => setExported(null) }} title={m.audit.exported(exported)} role="status" style={{ marginBottom: 16 }} />}
      {page.error && <Alert type="error" showIcon title={problemMessage(page.error, m)} role="alert" style={{ marginBottom: 16 }} />}
      <Table<AuditEntry>
        rowKey="id"
        columns={columns}
        dataSource={page.data?.entries}
        loading={page.isFetching}
        pagination={false}
        size="small"
        scroll={TABLE_SCROLL}
        expandable={{ expandedRowRender: (entry) => <EntryDetails entry={entry} /> }}
        locale={{ emptyText: m.audit.empty }}
      />
      <Flex justify="flex-end" align="center" gap={8} style={{ marginTop: 16 }}>
        <Button disabled={cursors.length === 1} onClick={() => setCursors(cursors.slice(0, -1))}>
          {m.audit.newer}
        </Button>
        <Typography.Text>{m.audit.page(cursors.length)}</Typography.Text>
        <Button
          disabled={page.isPlaceholderData || page.data?.nextBefore == null}
          onClick={() => page.data?.nextBefore != null && setCursors([...cursors, page.data.nextBefore])}
        >
          {m.audit.older}
        </Button>
      </Flex>
      <ReasonDialog
        open={exporting}
        title={m.audit.exportTitle}
        explanation={m.audit.exportExplanation}
        okText={m.audit.export}
        pending={exporter.isPending}
        error={exporter.error}
        onCancel={() => {
          exporter.reset();
          setExporting(false);
        }}
        onSubmit={(reason) =>
          exporter.mutate(
            { ...filter, reason },
            {
              onSuccess: ({ file, name }) => {
                saveFile(file, name);
                exporter.reset();
                setExporting(false);
                setExported(name);
              },
            },
          )
        }
      />
    </>
  );
}
