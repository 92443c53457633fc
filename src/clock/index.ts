/**
 * One clock for the whole service, and the database's deployment mode it follows: production →
 * the wall clock, demo → the demo's stored clock (see deployment.ts, demo-clock.ts).
 */
export { wallClock, type Clock } from './clock.ts';
export { advanceDemoClock, openDemoDeployment, openDeployment, reachInstant, type Deployment } from './deployment.ts';
export { realAdaptersOfDemo, requireModeSettings, type ProductionNeed } from './deployment.settings.ts';
export { setDemoNowQuery } from './deployment.repository.ts';
export { parseDuration } from './duration.ts';
