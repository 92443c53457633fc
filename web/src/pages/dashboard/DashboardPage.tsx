/**
 * Bảng điều khiển (figures.read): the campaign at a glance within the reader's scope — a card per
 * target (share, remaining, on track or not; a target whose data has not come in says so), target
 * lines verified by day with the target line and the projection, the communes on a map and in a
 * table, the carriers, and (for readers of reports) the carriers' weekly reports. A commune
 * officer sees their communes, a carrier's operator its carrier: the API answers only those.
 */
import { useMemo } from 'react';
import { Alert, Card, Col, Flex, Row, Statistic, Table, Typography } from 'antd';
import { useMessages } from '../../i18n/i18n.tsx';
import { formatDay, formatInstant } from '../../format.ts';
import { useAdminUnits } from '../../hooks/admin-units.ts';
import { useCampaign, useFiguresBy, useFiguresByPlace, useProjection, type CampaignTargetView, type FiguresView, type ProjectionView } from '../../hooks/campaign.ts';
import { PageLoading } from '../../components/PageLoading.tsx';
import { useReportsGrid } from '../../hooks/reports.ts';
import { useSession } from '../../hooks/session.ts';
import { campaignDate, daysFrom } from '../../../../src/domain/campaign-day.ts';
import { CommuneMap } from './CommuneMap.tsx';
import { CommuneTable, PaceTag, type CommuneRow } from './CommuneTable.tsx';
import { ProgressChart } from './ProgressChart.tsx';
import { ReportsGrid } from './ReportsGrid.tsx';

export default function DashboardPage() {
  const all = useMessages();
  const m = all.dashboard;
  const campaign = useCampaign();
  const projection = useProjection();
  const byDay = useFiguresBy('day');
  const byCarrier = useFiguresBy('carrier');
  const byPlace = useFiguresByPlace();
  const { data: units } = useAdminUnits();
  const { data: principal } = useSession();
  const reports = useReportsGrid(principal?.actions.includes('reports.read') === true);
  const rows = useMemo<CommuneRow[]>(() => {
    const types = new Map((units ?? []).map((u) => [u.code, u.type]));
    return (projection.data?.communes ?? []).map((c) => ({ ...c, type: types.get(c.communeCode) ?? null }));
  }, [projection.data, units]);
  if (campaign.isPending || projection.isPending) return <PageLoading />;
  if (!campaign.data || !projection.data) return <Alert type="info" title={m.noCampaign} />;
  const p = projection.data;
  const days = daysFrom(campaignDate(p.campaign.startsOn), campaignDate(p.campaign.endsOn));
  const actual = (byDay.data?.items ?? []).map((i) => ({ day: i.day ?? '', share: i.stocks.target > 0 ? i.stocks.target_verified / i.stocks.target : null }));
  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={3} style={{ marginBottom: 0 }}>
          {m.title}
        </Typography.Title>
        <Typography.Text type="secondary">{m.asOf(formatInstant(p.asOf))}</Typography.Text>
      </div>
      <Row gutter={[16, 16]}>
        {campaign.data.targets.map((target) => (
          <Col key={target.code} xs={24} md={12} xl={8}>
            <TargetCard target={target} projection={p} places={byPlace.data} rows={rows} />
          </Col>
        ))}
      </Row>
      <Card title={m.chartTitle} styles={{ title: { whiteSpace: "normal" } }}>
        <ProgressChart days={days} actual={actual} projection={p.overall.series} />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card title={m.mapTitle}>
            <CommuneMap communes={rows} />
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card title={m.tableTitle}>
            <CommuneTable rows={rows} />
          </Card>
        </Col>
      </Row>
      <Card title={m.carriersTitle}>
        <CarrierTable figures={byCarrier.data} />
      </Card>
      {reports.data ? (
        <Card title={m.reports.title}>
          <ReportsGrid grid={reports.data} />
        </Card>
      ) : null}
    </Flex>
  );
}

/** One target's card: its standing now, and for the province's line target where the pace leads. */
function TargetCard({ target, projection, places, rows }: { target: CampaignTargetView; projection: ProjectionView; places: FiguresView | undefined; rows: readonly CommuneRow[] }) {
  const m = useMessages().dashboard;
  const titled = { title: target.label, styles: { title: { whiteSpace: 'normal' } } } as const;
  // Until their data comes in, the other targets say so rather than show 0%.
  if (target.measure !== 'target_lines_verified') {
    return (
      <Card {...titled}>
        <Alert type="info" showIcon title={target.measure === 'citizens_14plus_signed' ? m.signaturesNotYet : m.staffNotYet} />
      </Card>
    );
  }
  const scoped = target.carrier !== null || target.communeType !== null;
  const types = new Map(rows.map((r) => [r.communeCode, r.type]));
  const standing = scoped
    ? (places?.items ?? [])
        .filter((i) => (target.carrier === null || i.carrier === target.carrier) && (target.communeType === null || types.get(i.communeCode ?? '') === target.communeType))
        .reduce((s, i) => ({ of: s.of + i.stocks.target, done: s.done + i.stocks.target_verified }), { of: 0, done: 0 })
    : { of: projection.overall.target, done: projection.overall.verified };
  const share = standing.of > 0 ? standing.done / standing.of : null;
  return (
    <Card {...titled} data-testid={`target-${target.code}`}>
      <Statistic value={share === null ? m.unknown : m.share(share)} />
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {m.goal(target.goalShare)} · {m.remaining(Math.max(0, Math.ceil(standing.of * target.goalShare) - standing.done))}
      </Typography.Paragraph>
      {!scoped && (
        <Flex wrap gap={8} align="center">
          <PaceTag onTrack={projection.overall.onTrack} />
          {projection.overall.shareOnEnd !== null && <Typography.Text>{m.projectedOnEnd(m.share(projection.overall.shareOnEnd), formatDay(projection.campaign.endsOn))}</Typography.Text>}
          <Typography.Text type="secondary">{m.neededPerDay(projection.overall.neededPerDay)}</Typography.Text>
        </Flex>
      )}
    </Card>
  );
}

function CarrierTable({ figures }: { figures: FiguresView | undefined }) {
  const all = useMessages();
  const m = all.dashboard;
  const rows = figures?.items ?? [];
  return (
    <Table
      rowKey={(r) => r.carrier ?? ''}
      size="small"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={rows}
      columns={[
        { key: 'carrier', title: m.carrier, render: (_, r) => all.carrier(r.carrier ?? '') },
        { key: 'target', title: m.target, align: 'right', render: (_, r) => m.count(r.stocks.target) },
        { key: 'verified', title: m.verified, align: 'right', render: (_, r) => m.count(r.stocks.target_verified) },
        { key: 'share', title: m.shareColumn, align: 'right', render: (_, r) => (r.stocks.target > 0 ? m.share(r.stocks.target_verified / r.stocks.target) : m.unknown) },
        { key: 'closed', title: m.closed, align: 'right', render: (_, r) => m.count(r.stocks.target_closed) },
        { key: 'one', title: m.lockedOneWay, align: 'right', render: (_, r) => m.count(r.stocks.locked_one_way) },
        { key: 'two', title: m.lockedTwoWay, align: 'right', render: (_, r) => m.count(r.stocks.locked_two_way) },
      ]}
    />
  );
}
