/**
 * Báo cáo tuần (reports.read): a carrier's campaign week — its deadline and standing, every
 * revision and the latest one's figures beside tttb's. A carrier (reports.submit) downloads the
 * template pre-filled with tttb's figures and sends it back, or submits tttb's draft as it stands;
 * a refused report lists exactly its problems (sheet, row, cell, column, message). An accepted
 * week is locked: only a correction, with its reason, goes in. The Department (reports.review)
 * accepts the revision awaiting review or returns it with a comment (docs/reports.md).
 */
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Flex, Input, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { Action } from '../../../../src/domain/access.ts';
import type { Carrier } from '../../../../src/domain/reference-data.ts';
import { reportColumnLabel } from '../../../../src/domain/weekly-report.ts';
import { problemMessage } from '../../api/problem.ts';
import { saveFile } from '../../download.ts';
import { formatDay, formatInstant } from '../../format.ts';
import { useReportTemplate, useReportUpload, useReportsGrid, useReview, useSubmitDraft, useWeeklyReport, type ReportWeekKey, type SubmissionAnswer, type WeeklyReportView } from '../../hooks/reports.ts';
import { useSession } from '../../hooks/session.ts';
import { useMessages } from '../../i18n/i18n.tsx';
import { PageLoading } from '../../components/PageLoading.tsx';

type Problem = SubmissionAnswer['problems'][number];
type Revision = WeeklyReportView['revisions'][number];

export default function ReportsPage() {
  const all = useMessages();
  const m = all.reportsPage;
  const { data: principal } = useSession();
  const grid = useReportsGrid(true);
  const [chosen, setChosen] = useState<Partial<ReportWeekKey>>({});
  if (grid.isPending) return <PageLoading />;
  if (!grid.data) return <Alert type="error" title={problemMessage(grid.error, all)} />;
  const carriers = grid.data.carriers.map((c) => c.carrier as Carrier);
  const ended = grid.data.carriers[0]?.weeks.filter((w) => w.timeliness !== 'not_ended').map((w) => w.week) ?? [];
  const week: ReportWeekKey | null = (chosen.carrier ?? carriers[0]) && (chosen.week ?? ended.at(-1)) ? { carrier: (chosen.carrier ?? carriers[0]) as Carrier, week: (chosen.week ?? ended.at(-1)) as number } : null;
  const may = (action: Action) => principal?.actions.includes(action) === true;
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ marginBottom: 0 }}>
        {m.title}
      </Typography.Title>
      <Space wrap>
        <Select<Carrier> aria-label={m.carrier} style={{ minWidth: 200 }} value={week?.carrier} onChange={(carrier) => setChosen((c) => ({ ...c, carrier }))} options={carriers.map((c) => ({ value: c, label: all.carrier(c) }))} />
        <Select<number>
          aria-label={m.week}
          data-testid="report-week"
          style={{ minWidth: 260 }}
          value={week?.week}
          onChange={(n) => setChosen((c) => ({ ...c, week: n }))}
          options={grid.data.weeks.map((w) => ({ value: w.week, label: `${all.dashboard.reports.week(w.week)} (${formatDay(w.startsOn)} – ${formatDay(w.endsOn)})` }))}
        />
      </Space>
      {week ? <WeekReport key={`${week.carrier}-${week.week}`} week={week} maySubmit={may('reports.submit')} mayReview={may('reports.review')} /> : <Alert type="info" title={m.noWeek} />}
    </Flex>
  );
}

function WeekReport({ week, maySubmit, mayReview }: { week: ReportWeekKey; maySubmit: boolean; mayReview: boolean }) {
  const all = useMessages();
  const m = all.reportsPage;
  const report = useWeeklyReport(week);
  const [answer, setAnswer] = useState<SubmissionAnswer | null>(null);
  if (report.isPending) return <PageLoading />;
  if (!report.data) return <Alert type="error" title={problemMessage(report.error, all)} />;
  const r = report.data;
  const accepted = r.revisions.some((v) => v.status === 'accepted');
  const awaiting = r.revisions.find((v) => v.status === 'submitted');
  return (
    <Flex vertical gap={16}>
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={m.period}>{`${formatDay(r.week.startsOn)} – ${formatDay(r.week.endsOn)}`}</Descriptions.Item>
          <Descriptions.Item label={m.due}>{formatInstant(r.dueAt)}</Descriptions.Item>
          <Descriptions.Item label={m.standing}>
            <Tag data-testid="report-timeliness">{all.dashboard.reports.timeliness[r.timeliness]}</Tag>
            {accepted ? <Tag color="success">{m.locked}</Tag> : null}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {maySubmit && r.timeliness !== 'not_ended' ? <SubmitCard week={week} accepted={accepted} onAnswer={setAnswer} /> : null}
      {answer ? <AnswerView answer={answer} /> : null}
      {mayReview && awaiting ? <ReviewCard week={week} revision={awaiting} /> : null}
      <Card size="small" title={m.revisions}>
        <Table<Revision>
          data-testid="report-revisions"
          rowKey="revision"
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={[...r.revisions].reverse()}
          columns={[
            { key: 'revision', title: m.revision, render: (_, v) => v.revision },
            { key: 'status', title: m.status, render: (_, v) => <Tag color={v.status === 'accepted' ? 'success' : v.status === 'returned' ? 'error' : undefined}>{all.dashboard.reports.status[v.status]}</Tag> },
            { key: 'source', title: m.source, render: (_, v) => m.sources[v.source] },
            { key: 'at', title: m.submittedAt, render: (_, v) => `${formatInstant(v.submittedAt)}${v.onTime ? '' : ` (${m.late})`}` },
            { key: 'by', title: m.submittedBy, render: (_, v) => v.submittedBy },
            { key: 'note', title: m.note, render: (_, v) => [v.correctionReason ? m.correction(v.correctionReason) : null, v.reviewComment].filter(Boolean).join(' · ') },
          ]}
        />
      </Card>
      {r.shown ? (
        <Card size="small" title={m.figures(r.shown.revision)}>
          <Table
            rowKey="communeCode"
            size="small"
            pagination={{ pageSize: 20, showSizeChanger: false }}
            scroll={{ x: 'max-content' }}
            dataSource={r.shown.rows}
            columns={[
              { key: 'commune', title: m.commune, render: (_, row) => row.communeName ?? row.communeCode },
              ...(['target_lines', 'target_verified', 'verifications_week', 'selfchecks_week', 'certified_to_date'] as const).map((c) => ({
                key: c,
                title: reportColumnLabel(c),
                align: 'right' as const,
                render: (_: unknown, row: (typeof r.shown.rows)[number]) => (
                  <span>
                    {row.figures[c].toLocaleString('vi-VN')}
                    {row.registry[c] !== undefined && row.registry[c] !== row.figures[c] ? <Typography.Text type="warning">{` (tttb ${row.registry[c]?.toLocaleString('vi-VN')})`}</Typography.Text> : null}
                  </span>
                ),
              })),
              { key: 'comment', title: m.comment, render: (_, row) => row.comment ?? '' },
            ]}
          />
        </Card>
      ) : null}
    </Flex>
  );
}

function SubmitCard({ week, accepted, onAnswer }: { week: ReportWeekKey; accepted: boolean; onAnswer: (a: SubmissionAnswer | null) => void }) {
  const all = useMessages();
  const m = all.reportsPage;
  const template = useReportTemplate();
  const upload = useReportUpload();
  const draft = useSubmitDraft();
  const [reason, setReason] = useState('');
  const failure = template.error ?? upload.error ?? draft.error;
  const blocked = accepted && reason.trim() === '';
  return (
    <Card size="small" title={m.submitTitle}>
      <Flex vertical gap={12}>
        {accepted ? <Alert type="info" title={m.lockedNote} /> : null}
        {accepted ? <Input.TextArea aria-label={m.correctionReason} placeholder={m.correctionReason} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={1000} rows={2} /> : null}
        <Space wrap>
          <Button icon={<DownloadOutlined />} loading={template.isPending} onClick={() => template.mutate(week, { onSuccess: ({ file, name }) => saveFile(file, name) })}>
            {m.downloadTemplate}
          </Button>
          <Upload
            accept=".xlsx"
            showUploadList={false}
            disabled={blocked}
            beforeUpload={(file) => {
              onAnswer(null);
              upload.mutate({ week, file, correctionReason: reason }, { onSuccess: onAnswer });
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={upload.isPending} disabled={blocked} data-testid="report-upload">
              {m.uploadFile}
            </Button>
          </Upload>
          <Button loading={draft.isPending} disabled={blocked} onClick={() => draft.mutate({ week, correctionReason: reason }, { onSuccess: onAnswer })}>
            {m.submitDraft}
          </Button>
        </Space>
        {failure ? <Alert type="error" data-testid="report-failure" title={problemMessage(failure, all)} /> : null}
      </Flex>
    </Card>
  );
}

function AnswerView({ answer }: { answer: SubmissionAnswer }) {
  const m = useMessages().reportsPage;
  if (answer.state === 'submitted') return <Alert type="success" data-testid="report-submitted" title={m.submitted(answer.revision?.revision ?? 0, answer.warnings.length)} />;
  return (
    <Card size="small" title={<Typography.Text type="danger">{m.refused(answer.problems.length)}</Typography.Text>}>
      <Table<Problem>
        data-testid="report-problems"
        rowKey={(p) => `${p.row ?? ''}-${p.column ?? ''}-${p.code}-${p.communeCode ?? ''}`}
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={answer.problems}
        columns={[
          { key: 'sheet', title: m.sheet, render: (_, p) => p.sheet ?? '' },
          { key: 'row', title: m.row, render: (_, p) => p.row ?? '' },
          { key: 'cell', title: m.cell, render: (_, p) => <span data-testid="problem-cell">{p.cell ?? ''}</span> },
          { key: 'column', title: m.column, render: (_, p) => (p.column ? reportColumnLabel(p.column) : '') },
          { key: 'message', title: m.message, render: (_, p) => p.message },
        ]}
      />
    </Card>
  );
}

function ReviewCard({ week, revision }: { week: ReportWeekKey; revision: Revision }) {
  const all = useMessages();
  const m = all.reportsPage;
  const review = useReview();
  const [comment, setComment] = useState('');
  return (
    <Card size="small" title={m.reviewTitle(revision.revision)}>
      <Flex vertical gap={12}>
        <Input.TextArea aria-label={m.reviewComment} placeholder={m.reviewComment} value={comment} onChange={(e) => setComment(e.target.value)} maxLength={1000} rows={2} />
        <Space wrap>
          <Button type="primary" loading={review.isPending} onClick={() => review.mutate({ week, revision: revision.revision, decision: 'accept', comment })}>
            {m.accept}
          </Button>
          <Button danger disabled={comment.trim() === ''} loading={review.isPending} onClick={() => review.mutate({ week, revision: revision.revision, decision: 'return', comment })}>
            {m.return}
          </Button>
        </Space>
        {review.error ? <Alert type="error" title={problemMessage(review.error, all)} /> : null}
      </Flex>
    </Card>
  );
}
