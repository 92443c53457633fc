/**
 * A demo's clock: the instant last stored in the database plus the wall time elapsed since it was
 * stored. It runs (codes expire, "the last hour" slides, events keep their order) and only ever
 * moves forward: `tttb demo clock` and the campaign simulator advance it; nothing sets it back,
 * since history must stay in order (docs/architecture.md, "One clock").
 */
import type { Clock } from './clock.ts';
import type { DeploymentRow } from './deployment.repository.ts';

export class DemoClock implements Clock {
  // Until a stored instant is followed (every demo row has one), the wall clock's.
  private demoNowMs = Date.now();
  private setAtWallMs = this.demoNowMs;

  constructor(row: DeploymentRow) {
    this.follow(row);
  }

  now(): Date {
    // A wall clock stepped back (NTP) must not take the demo back with it.
    return new Date(this.demoNowMs + Math.max(0, Date.now() - this.setAtWallMs));
  }

  /**
   * Takes the stored instant, moved by this or another process. The database is the truth: moves
   * are forward only, but a new demo (`demo generate`) starts its clock over, and is followed.
   */
  follow(row: DeploymentRow): void {
    if (row.demoNow === null || row.demoNowSetAt === null) return;
    this.demoNowMs = Date.parse(row.demoNow);
    this.setAtWallMs = Date.parse(row.demoNowSetAt);
  }
}
