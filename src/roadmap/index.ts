/**
 * Roadmap: the campaign's locks (one-way, two-way, termination) and their preview for commune
 * teams. The HTTP routes (roadmap.routes.ts) are wired in by src/http; the command is src/cli/roadmap.command.ts.
 */
export { listDueLines, previewRoadmap, runRoadmap, type RoadmapPreview, type RoadmapRunResult } from './roadmap.service.ts';
export { roadmapJob, startRoadmapScheduler } from './roadmap.job.ts';
export { parseAt, readAt } from './roadmap.time-option.ts';
export { nextStep, type LockStep, type RoadmapClock } from './roadmap.steps.ts';
export { formatVietnamTime } from './vietnam-time.ts';
export {
  DECREE_49_ROADMAP_SETTINGS,
  DEFAULT_ROADMAP_SETTINGS,
  resolveRoadmapSettings,
  type RoadmapSettings,
} from './roadmap.settings.ts';
