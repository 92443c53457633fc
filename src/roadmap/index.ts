/**
 * Roadmap: the campaign's locks (one-way, two-way, termination) and their preview for commune
 * teams: its routes and job plug in through `roadmapCapability`; the command is src/cli/roadmap.command.ts.
 */
import { noOptions, routesAt, type Capability } from '../capability.ts';
import { roadmapJob, type RoadmapJobContext } from './roadmap.job.ts';
import { roadmapRoutes } from './roadmap.routes.ts';

export { listDueLines, previewRoadmap, runRoadmap, type RoadmapCounts, type RoadmapPreview, type RoadmapRunResult } from './roadmap.service.ts';
export { roadmapJob, type RoadmapJobContext };
export { parseAt, readAt } from './roadmap.time-option.ts';
export { nextCampaignStep, nextStep, requirementReasonOf, type LockStep, type RoadmapClock, type RoadmapLine } from './roadmap.steps.ts';
export { formatVietnamTime } from './vietnam-time.ts';
export {
  DECREE_49_ROADMAP_SETTINGS,
  DEFAULT_ROADMAP_SETTINGS,
  resolveRoadmapSettings,
  type RoadmapSettings,
} from './roadmap.settings.ts';

export const roadmapCapability: Capability<object, RoadmapJobContext> = {
  name: 'roadmap',
  tags: [{ name: 'roadmap', description: 'Lộ trình khoá một chiều, hai chiều, chấm dứt hợp đồng' }],
  routes: [routesAt('/roadmap', roadmapRoutes, noOptions)],
  jobs: [roadmapJob],
};
