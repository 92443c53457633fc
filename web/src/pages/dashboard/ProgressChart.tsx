/**
 * Target lines verified by day (share), against the straight target line from the first day to
 * 100% on the last, and beyond today the projection at the last 7 days' pace, dashed and named as
 * such.
 */
import { useEffect, useRef } from 'react';
import { Typography } from 'antd';
import { useMessages } from '../../i18n/i18n.tsx';
import { formatDay } from '../../format.ts';
import { echarts } from './echarts.ts';

export interface DayShare {
  day: string;
  share: number | null;
}

interface Props {
  days: readonly string[];
  actual: readonly DayShare[];
  projection: readonly DayShare[];
}

const percent = (share: number | null | undefined) => (share === null || share === undefined ? null : Math.round(share * 1000) / 10);

export function ProgressChart({ days, actual, projection }: Props) {
  const m = useMessages().dashboard;
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const chart = echarts.init(element, null, { renderer: 'svg' });
    const actualBy = new Map(actual.map((d) => [d.day, d.share]));
    const projectedBy = new Map(projection.map((d) => [d.day, d.share]));
    const last = actual.at(-1);
    // The projection starts where the figures stop, so the two lines join.
    if (last) projectedBy.set(last.day, last.share);
    const firstShare = actual[0]?.share ?? 0;
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v}%` : '—') },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: days.map(formatDay), axisLabel: { hideOverlap: true } },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        { name: m.actual, type: 'line', data: days.map((d) => percent(actualBy.get(d))), symbol: 'none', lineStyle: { width: 3 }, color: '#1677ff' },
        {
          name: m.targetLine,
          type: 'line',
          data: days.map((_, i) => percent(firstShare + ((1 - firstShare) * i) / Math.max(1, days.length - 1))),
          symbol: 'none',
          lineStyle: { type: 'dotted' },
          color: '#8c8c8c',
        },
        { name: m.projection, type: 'line', data: days.map((d) => percent(projectedBy.get(d))), symbol: 'none', lineStyle: { type: 'dashed' }, color: '#fa8c16' },
      ],
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [days, actual, projection, m]);
  return (
    <>
      <div ref={box} data-testid="progress-chart" style={{ width: '100%', height: 320 }} />
      <Typography.Text type="secondary">{m.projectionNote}</Typography.Text>
    </>
  );
}
