/**
 * The weekly reports' completeness grid (carrier × campaign week): each cell whether the week's
 * report came in on time, late or not at all, and where its review stands; per carrier the counts
 * expected, received, on time, late and missing (docs/reports.md).
 */
import { Table, Tag, Tooltip } from 'antd';
import { useMessages } from '../../i18n/i18n.tsx';
import { formatDay, formatInstant } from '../../format.ts';
import type { ReportsGridView } from '../../hooks/reports.ts';

type Carrier = ReportsGridView['carriers'][number];
type Cell = Carrier['weeks'][number];

const TIMELINESS_COLOUR: Record<Cell['timeliness'], string> = { not_ended: 'default', awaiting: 'processing', on_time: 'success', late: 'warning', missing: 'error' };

export function ReportsGrid({ grid }: { grid: ReportsGridView }) {
  const all = useMessages();
  const m = all.dashboard.reports;
  return (
    <Table<Carrier>
      data-testid="reports-grid"
      rowKey="carrier"
      size="small"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={grid.carriers}
      columns={[
        { key: 'carrier', title: all.dashboard.carrier, fixed: 'left', render: (_, r) => all.carrier(r.carrier) },
        ...grid.weeks.map((w, i) => ({
          key: `week-${w.week}`,
          title: (
            <Tooltip title={m.due(formatInstant(w.dueAt))}>
              {m.week(w.week)}
              <br />
              <span style={{ fontWeight: 'normal' }}>{`${formatDay(w.startsOn)}–${formatDay(w.endsOn)}`}</span>
            </Tooltip>
          ),
          render: (_: unknown, r: Carrier) => {
            const cell = r.weeks[i];
            if (!cell) return null;
            return (
              <span data-testid={`report-${r.carrier}-${w.week}`} data-timeliness={cell.timeliness}>
                <Tag color={TIMELINESS_COLOUR[cell.timeliness]}>{m.timeliness[cell.timeliness]}</Tag>
                {cell.status ? <div style={{ fontSize: 12 }}>{m.status[cell.status]}</div> : null}
              </span>
            );
          },
        })),
        { key: 'expected', title: m.expected, align: 'right' as const, render: (_, r) => r.expected },
        { key: 'received', title: m.received, align: 'right' as const, render: (_, r) => r.received },
        { key: 'onTime', title: m.onTime, align: 'right' as const, render: (_, r) => r.onTime },
        { key: 'late', title: m.late, align: 'right' as const, render: (_, r) => r.late },
        { key: 'missing', title: m.missing, align: 'right' as const, render: (_, r) => r.missing },
      ]}
    />
  );
}
