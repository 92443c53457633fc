/**
 * Carriers' weekly reports (docs/reports.md): a data set per carrier, campaign week and commune,
 * submitted through the API, the xlsx template or tttb's own draft, checked by rules kept as data,
 * reviewed by the Department, and followed for completeness and timeliness.
 */
import { routesAt, noOptions, type Capability } from '../capability.ts';
import { weeklyReportRoutes } from './weekly-reports.routes.ts';

export { reportsGrid, submitReport, reviewReport, draftReport, reportOfWeek } from './weekly-reports.service.ts';

export const reportsCapability: Capability = {
  name: 'reports',
  tags: [{ name: 'reports', description: 'Báo cáo tuần của các nhà mạng' }],
  routes: [routesAt('/reports/weekly', weeklyReportRoutes, noOptions)],
};
