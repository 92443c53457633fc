/**
 * What a database is for and the clock that goes with it. The mode is recorded once, when the
 * database is created (`demo` by `tttb serve --demo` / `npm start` and `tttb demo`, `production`
 * by anything else), and read by the service and every command: it never follows from which
 * variables happen to be set.
 */
import type { Database } from '../db/open.ts';
import type { DeploymentMode } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { wallClock, type Clock } from './clock.ts';
import { DemoClock } from './demo-clock.ts';
import { insertDeploymentRow, readDeploymentRow, setDemoNowQuery, type DeploymentRow } from './deployment.repository.ts';

export interface Deployment {
  mode: DeploymentMode;
  clock: Clock;
  /** Re-reads a demo's stored clock (moved by another process); nothing in production. */
  refresh(): Promise<void>;
}

/**
 * This database's deployment (migrated), recording `createAs` when the database is new.
 */
export async function openDeployment(db: Database, createAs: DeploymentMode): Promise<Deployment> {
  let row = await readDeploymentRow(db.kysely);
  if (!row) {
    await insertDeploymentRow(db.kysely, createAs, new Date().toISOString());
    row = await requireRow(db);
  }
  if (row.mode === 'production') return { mode: 'production', clock: wallClock, refresh: () => Promise.resolve() };
  const clock = new DemoClock(row);
  return {
    mode: 'demo',
    clock,
    async refresh() {
      clock.follow(await requireRow(db));
    },
  };
}

/** Opens the deployment of a demo command; refuses a production database (DEMO_ONLY). */
export async function openDemoDeployment(db: Database): Promise<Deployment> {
  const deployment = await openDeployment(db, 'demo');
  if (deployment.mode !== 'demo') {
    throw new AppError('DEMO_ONLY', 'cơ sở dữ liệu này là hệ thống thật (production); lệnh demo không chạy trên nó');
  }
  return deployment;
}

/**
 * Moves a demo's clock forward to `to` (and the deployment's clock with it). Refuses to move it
 * back (CLOCK_BACKWARDS): what has been recorded would then lie in the future.
 */
export async function advanceDemoClock(db: Database, deployment: Deployment, to: Date): Promise<Date> {
  await deployment.refresh();
  const now = deployment.clock.now();
  if (to.getTime() < now.getTime()) {
    throw new AppError('CLOCK_BACKWARDS', `bây giờ của bản demo là ${now.toISOString()}, không lùi về ${to.toISOString()}`, {
      now: now.toISOString(),
    });
  }
  await setDemoNowQuery(db.kysely, to.toISOString(), new Date().toISOString()).execute();
  await deployment.refresh();
  return to;
}

/**
 * Makes `at` an instant that has happened before something is recorded as of it: in production
 * a future `at` is refused (TIME_IN_FUTURE: nothing may be dated after the wall clock); in a
 * demo the demo's clock moves forward to it, as the campaign is played.
 */
export async function reachInstant(db: Database, deployment: Deployment, at: Date): Promise<void> {
  const now = deployment.clock.now();
  if (at.getTime() <= now.getTime()) return;
  if (deployment.mode === 'production') {
    throw new AppError('TIME_IN_FUTURE', `${at.toISOString()} còn ở tương lai (bây giờ: ${now.toISOString()})`, { now: now.toISOString() });
  }
  await advanceDemoClock(db, deployment, at);
}

async function requireRow(db: Database): Promise<DeploymentRow> {
  const row = await readDeploymentRow(db.kysely);
  if (!row) throw new Error('deployment row missing after insert');
  return row;
}
