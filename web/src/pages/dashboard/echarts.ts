/**
 * The parts of ECharts the dashboard draws with (line chart, map), registered once: only these are
 * bundled, in the dashboard's own lazy chunk. Both draw in SVG: crisp on any screen, and the map's
 * regions carry their data index (server-side rendering's `ecmeta_` attributes), which the
 * browser test reads to compare the map's colours with the table.
 */
import * as echarts from 'echarts/core';
import { LineChart, MapChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([LineChart, MapChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, VisualMapComponent, SVGRenderer]);

export { echarts };
