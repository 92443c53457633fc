/**
 * Chiến dịch (figures.read): today's campaign, its dates, legal basis and weeks, and its targets
 * with where each stands now (from the live figures); the province admin (campaign.manage) adds,
 * edits and removes targets, each change audited by the service.
 */
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Flex, Popconfirm, Progress, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { problemMessage } from '../../api/problem.ts';
import { TABLE_SCROLL } from '../../components/table-scroll.ts';
import { formatDay, formatInstant } from '../../format.ts';
import { useAdminUnits } from '../../hooks/admin-units.ts';
import { useCampaign, useFiguresByPlace, useRemoveTarget, type CampaignTargetView, type FiguresView } from '../../hooks/campaign.ts';
import { useSession } from '../../hooks/session.ts';
import { useMessages } from '../../i18n/i18n.tsx';
import { TargetDialog } from './TargetDialog.tsx';

interface Standing {
  done: number;
  of: number;
}

/** Where a line target stands now: its lines verified of its lines, over the communes and carrier it covers. */
function useStandings(): (target: CampaignTargetView) => Standing | null {
  const figures = useFiguresByPlace();
  const units = useAdminUnits();
  return useMemo(() => {
    const typeOf = new Map((units.data ?? []).map((u) => [u.code, u.type]));
    const items: FiguresView['items'] = figures.data?.items ?? [];
    return (target) => {
      if (target.measure !== 'target_lines_verified' || !figures.data) return null;
      const covered = items.filter(
        (i) => (target.carrier === null || i.carrier === target.carrier) && (target.communeType === null || typeOf.get(i.communeCode ?? '') === target.communeType),
      );
      return { done: covered.reduce((n, i) => n + i.stocks.target_verified, 0), of: covered.reduce((n, i) => n + i.stocks.target, 0) };
    };
  }, [figures.data, units.data]);
}

export default function CampaignPage() {
  const m = useMessages();
  const t = m.campaignPage;
  const campaign = useCampaign();
  const remove = useRemoveTarget();
  const { data: principal } = useSession();
  const mayManage = principal?.actions.includes('campaign.manage') === true;
  const standingOf = useStandings();
  const [editing, setEditing] = useState<CampaignTargetView | 'new' | null>(null);
  const failure = campaign.error ?? remove.error;

  const columns: TableColumnsType<CampaignTargetView> = [
    {
      key: 'label',
      title: t.label,
      render: (_, target) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{target.label}</Typography.Text>
          {target.label !== t.measures[target.measure] && <Typography.Text type="secondary">{t.measures[target.measure]}</Typography.Text>}
        </Space>
      ),
    },
    { key: 'goal', title: t.goal, render: (_, target) => `${Math.round(target.goalShare * 1000) / 10}%` },
    {
      key: 'scope',
      title: t.scope,
      render: (_, target) =>
        target.carrier === null && target.communeType === null ? (
          t.allLines
        ) : (
          <Flex wrap gap={4}>
            {target.carrier !== null && <Tag>{m.carrier(target.carrier)}</Tag>}
            {target.communeType !== null && <Tag>{t.unitTypes[target.communeType]}</Tag>}
          </Flex>
        ),
    },
    {
      key: 'progress',
      title: t.progress,
      render: (_, target) => {
        const standing = standingOf(target);
        if (!standing || standing.of === 0) return <Typography.Text type="secondary">{t.noData}</Typography.Text>;
        const share = standing.done / standing.of;
        return (
          <Space orientation="vertical" size={0} style={{ minWidth: 160 }}>
            <Progress percent={Math.floor(share * 1000) / 10} size="small" status={share >= target.goalShare ? 'success' : 'active'} />
            <Typography.Text type="secondary">{t.progressOf(standing.done, standing.of)}</Typography.Text>
          </Space>
        );
      },
    },
    { key: 'updated', title: t.updated, render: (_, target) => `${formatInstant(target.updatedAt)} · ${target.updatedBy}` },
    ...(mayManage
      ? [
          {
            key: 'actions',
            title: t.actions,
            render: (_: unknown, target: CampaignTargetView) => (
              <Flex wrap gap={4}>
                <Button size="small" onClick={() => setEditing(target)}>
                  {t.edit}
                </Button>
                <Popconfirm title={t.removeConfirm(target.code)} okText={t.confirm} cancelText={t.cancel} onConfirm={() => remove.mutate(target.code)}>
                  <Button size="small" danger>
                    {t.remove}
                  </Button>
                </Popconfirm>
              </Flex>
            ),
          },
        ]
      : []),
  ];

  const data = campaign.data;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2}>{data ? data.name : t.title}</Typography.Title>
      {failure ? <Alert type="error" showIcon title={problemMessage(failure, m)} role="alert" /> : null}
      {data && (
        <Card>
          <Descriptions column={{ xs: 1, md: 2 }} size="small">
            <Descriptions.Item label={t.dates}>{t.dateRange(formatDay(data.startsOn), formatDay(data.endsOn))}</Descriptions.Item>
            <Descriptions.Item label={t.legalBasis}>{data.legalBasis}</Descriptions.Item>
            <Descriptions.Item label={t.weeks} span={2}>
              <Flex wrap gap={4}>
                {data.weeks.map((w) => (
                  <Tag key={w.week} style={{ whiteSpace: 'normal' }}>
                    {t.week(w.week)}: {formatDay(w.startsOn)} – {formatDay(w.endsOn)}
                    {w.partial ? ` (${t.partial})` : ''}
                  </Tag>
                ))}
              </Flex>
            </Descriptions.Item>
          </Descriptions>
        </Card>
      )}
      <Card
        title={t.targets}
        extra={
          mayManage && data ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t.add}
            </Button>
          ) : null
        }
      >
        {mayManage && <Typography.Paragraph type="secondary">{t.audited}</Typography.Paragraph>}
        <Table<CampaignTargetView> rowKey="code" columns={columns} dataSource={data?.targets ?? []} loading={campaign.isPending} pagination={false} scroll={TABLE_SCROLL} />
      </Card>
      <TargetDialog target={editing} onClose={() => setEditing(null)} />
    </Space>
  );
}
