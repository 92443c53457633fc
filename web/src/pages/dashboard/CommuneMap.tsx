/**
 * The communes coloured by their share of target lines verified (progress-colour.ts), drawn once
 * per size as an SVG string by ECharts' server-side renderer: a still picture, quick on a phone,
 * whose regions carry their data index; the table beside it holds the same figures to read and sort.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Flex, Space, Typography } from 'antd';
import geojsonUrl from '../../../../data/an_giang_communes.geojson?url';
import { useMessages } from '../../i18n/i18n.tsx';
import { echarts } from './echarts.ts';
import { PROGRESS_BANDS, progressColour, UNKNOWN_COLOUR } from './progress-colour.ts';

const MAP_NAME = 'an_giang';
let registered: Promise<void> | undefined;

/** Fetches the boundaries once per visit and registers them, the regions named by commune code. */
function registerMap(): Promise<void> {
  registered ??= fetch(geojsonUrl)
    .then((answer) => answer.json() as Promise<Parameters<typeof echarts.registerMap>[1]>)
    .then((geoJson) => echarts.registerMap(MAP_NAME, geoJson as never));
  return registered;
}

export interface CommuneShare {
  communeCode: string;
  communeName: string | null;
  share: number | null;
}

export function CommuneMap({ communes }: { communes: readonly CommuneShare[] }) {
  const m = useMessages().dashboard;
  const box = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState(false);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    void registerMap().then(() => setReady(true));
  }, []);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry?.contentRect.width ?? 0)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const places = useMemo(() => communes.filter((c) => c.communeCode !== ''), [communes]);
  const svg = useMemo(() => {
    if (!ready || width === 0) return '';
    const height = Math.round(width * 0.9);
    const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
    chart.setOption({
      animation: false,
      series: [
        {
          type: 'map',
          map: MAP_NAME,
          nameProperty: 'code',
          roam: false,
          label: { show: false },
          itemStyle: { areaColor: UNKNOWN_COLOUR, borderColor: '#fff', borderWidth: 0.6 },
          data: places.map((c) => ({ name: c.communeCode, value: c.share ?? undefined, itemStyle: { areaColor: progressColour(c.share) } })),
        },
      ],
    });
    const text = chart.renderToSVGString();
    chart.dispose();
    return text;
  }, [ready, width, places]);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <div ref={box} data-testid="commune-map" data-order={places.map((c) => c.communeCode).join(',')} style={{ width: '100%', minHeight: 200 }} dangerouslySetInnerHTML={{ __html: svg }} />
      <Flex wrap gap={12}>
        {[{ colour: UNKNOWN_COLOUR, label: m.legend.unknown }, ...PROGRESS_BANDS.map((b) => ({ colour: b.colour, label: m.legend[b.legend] }))].map((item) => (
          <Space key={item.label} size={4}>
            <span style={{ display: 'inline-block', width: 12, height: 12, background: item.colour, borderRadius: 2 }} />
            <Typography.Text>{item.label}</Typography.Text>
          </Space>
        ))}
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {m.mapAttribution}
      </Typography.Text>
    </Space>
  );
}
