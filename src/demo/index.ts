/**
 * Demo data: a deterministic synthetic An Giang (citizens, subscriber lines, planted problems,
 * official figures) for the demo, the tests and the benchmarks.
 */
export { generateDemo, type DemoProgress, type GenerateDemoOptions } from './generate-database.ts';
export { DEMO_CSV_FILES, generateDemoCsv, type GenerateDemoCsvOptions } from './generate-csv.ts';
export { DemoDataExistsError } from './errors.ts';
export { DEMO_CAMPAIGN } from './campaign.ts';
export { ImeiGenerator } from './imei.ts';
export { Random } from './random.ts';
export { DEFAULT_DEMO_SETTINGS, LINE_PROBLEMS, type DemoSettings, type LineProblem } from './settings.ts';
export type { DemoSummary } from './tally.ts';
export { demoUsersFilePath, setUpDemoAccess, type DemoAccess } from './demo-access.ts';
export { playDemo, type DayPlayed, type PlayOptions } from './play/play.ts';
