/**
 * Roadmap: the campaign's locks (one-way, two-way, termination) and their preview for commune
 * teams. The HTTP routes (roadmap.routes.ts) and the CLI command (roadmap.command.ts) are wired in
 * by src/http and src/cli directly.
 */
export { listDueLines, previewRoadmap, runRoadmap, type RoadmapPreview, type RoadmapRunResult } from './roadmap.service.ts';
export { roadmapJob, startRoadmapScheduler } from './roadmap.job.ts';
export {
  DECREE_49_ROADMAP_SETTINGS,
  DEFAULT_ROADMAP_SETTINGS,
  resolveRoadmapSettings,
  type RoadmapSettings,
} from './roadmap.settings.ts';
