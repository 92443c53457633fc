/**
 * One clock for the whole service, and the database's deployment mode it follows: production →
 * the wall clock, demo → the demo's stored clock (see deployment.ts, demo-clock.ts), which a
 * demo's service re-reads on a timer (demo-clock.job.ts); and where today stands in the campaign
 * by that clock (`GET /api/v1/campaign/today`).
 */
import { routesAt, type Capability } from '../capability.ts';
import { clockRoutes } from './clock.routes.ts';
import { demoClockJob } from './demo-clock.job.ts';
import type { Deployment } from './deployment.ts';
import type { DeploymentMode } from '../db/schema.ts';

export { wallClock, type Clock } from './clock.ts';
export { advanceDemoClock, openDemoDeployment, openDeployment, reachInstant, type Deployment } from './deployment.ts';
export { realAdaptersOfDemo, requireModeSettings, type ProductionNeed } from './deployment.settings.ts';
export { setDemoNowQuery } from './deployment.repository.ts';
export { parseDuration } from './duration.ts';
export { todaysCampaign } from './campaign-today.ts';
export type { CampaignRow } from './campaign.repository.ts';

export const clockCapability: Capability<{ mode: DeploymentMode }, { deployment: Deployment }> = {
  name: 'clock',
  tags: [{ name: 'campaign', description: 'Ngày của chiến dịch theo đồng hồ của hệ thống' }],
  routes: [routesAt('/campaign', clockRoutes, (ctx) => ({ mode: ctx.mode }))],
  jobs: [demoClockJob],
};
