/** The communes' progress as a table (the map's figures, to read and sort), filtered by unit type. */
import { Table, Tag, Space, type TableColumnsType } from 'antd';
import { useMessages } from '../../i18n/i18n.tsx';
import { formatDay } from '../../format.ts';
import type { ProjectionView } from '../../hooks/campaign.ts';
import type { AdminUnitType } from '../../../../src/domain/reference-data.ts';
import { progressColour } from './progress-colour.ts';

export type CommuneRow = ProjectionView['communes'][number] & { type: AdminUnitType | null };

export function CommuneTable({ rows }: { rows: readonly CommuneRow[] }) {
  const all = useMessages();
  const m = all.dashboard;
  const types = all.campaignPage.unitTypes;
  // Unknown (no target line) after every known share, so the laggards lead an ascending sort.
  const byShare = (a: number | null, b: number | null) => (a ?? 2) - (b ?? 2);
  const columns: TableColumnsType<CommuneRow> = [
    { key: 'name', title: m.commune, render: (_, r) => r.communeName ?? m.noCommune, sorter: (a, b) => (a.communeName ?? '').localeCompare(b.communeName ?? '', 'vi') },
    {
      key: 'type',
      title: m.type,
      render: (_, r) => (r.type ? types[r.type] : ''),
      filters: (Object.keys(types) as AdminUnitType[]).map((t) => ({ text: types[t], value: t })),
      onFilter: (value, r) => r.type === value,
    },
    { key: 'target', title: m.target, align: 'right', render: (_, r) => m.count(r.target), sorter: (a, b) => a.target - b.target },
    { key: 'verified', title: m.verified, align: 'right', render: (_, r) => m.count(r.verified), sorter: (a, b) => a.verified - b.verified },
    {
      key: 'share',
      title: m.shareColumn,
      align: 'right',
      defaultSortOrder: 'ascend',
      sorter: (a, b) => byShare(a.share, b.share),
      render: (_, r) => (
        <Space size={6} data-testid="share" data-colour={progressColour(r.share)}>
          <span style={{ display: 'inline-block', width: 10, height: 10, borderRadius: 2, background: progressColour(r.share) }} />
          {r.share === null ? m.unknown : m.share(r.share)}
        </Space>
      ),
    },
    { key: 'pace', title: m.pace, align: 'right', render: (_, r) => (r.pacePerDay === null ? '—' : r.pacePerDay.toLocaleString()), sorter: (a, b) => (a.pacePerDay ?? 0) - (b.pacePerDay ?? 0) },
    { key: 'end', title: m.shareOnEnd, align: 'right', render: (_, r) => (r.shareOnEnd === null ? '—' : m.share(r.shareOnEnd)), sorter: (a, b) => byShare(a.shareOnEnd, b.shareOnEnd) },
    { key: 'full', title: m.reachesFullOn, render: (_, r) => (r.reachesFullOn ? formatDay(r.reachesFullOn) : r.pacePerDay === null ? '—' : m.never) },
    { key: 'needed', title: m.needed, align: 'right', render: (_, r) => m.count(r.neededPerDay), sorter: (a, b) => a.neededPerDay - b.neededPerDay },
    {
      key: 'status',
      title: m.status,
      render: (_, r) => <PaceTag onTrack={r.onTrack} />,
      filters: [
        { text: m.onTrack, value: 'yes' },
        { text: m.behind, value: 'no' },
      ],
      onFilter: (value, r) => (value === 'yes' ? r.onTrack === true : r.onTrack === false),
    },
  ];
  return (
    <Table<CommuneRow>
      rowKey="communeCode"
      size="small"
      columns={columns}
      dataSource={[...rows]}
      pagination={false}
      scroll={{ x: 'max-content', y: 560 }}
      onRow={(r) => ({ 'data-commune': r.communeCode }) as React.HTMLAttributes<HTMLElement>}
    />
  );
}

export function PaceTag({ onTrack }: { onTrack: boolean | null }) {
  const m = useMessages().dashboard;
  if (onTrack === null) return <Tag>{m.unknownPace}</Tag>;
  return onTrack ? <Tag color="green">{m.onTrack}</Tag> : <Tag color="red">{m.behind}</Tag>;
}
