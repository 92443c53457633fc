/**
 * A demo's clock: the instant last stored in the database plus the wall time elapsed since it was
 * stored. It runs (codes expire, "the last hour" slides, events keep their order) and only ever
 * moves forward: `tttb demo clock` and the campaign simulator advance it; nothing sets it back,
 * since history must stay in order (docs/architecture.md, "One clock").
 */
import type { Clock } from './clock.ts';
import type { DeploymentRow } from './deployment.repository.ts';

export class DemoClock implements Clock {
  private demoNowMs: number;
  private setAtWallMs: number;

  constructor(row: DeploymentRow) {
    this.demoNowMs = 0;
    this.setAtWallMs = 0;
    this.follow(row);
  }

  now(): Date {
    // A wall clock stepped back (NTP) must not take the demo back with it.
    return new Date(this.demoNowMs + Math.max(0, Date.now() - this.setAtWallMs));
  }

  /** Takes the stored instant (after a move by this or another process); never goes back. */
  follow(row: DeploymentRow): void {
    if (row.demoNow === null || row.demoNowSetAt === null) return;
    const candidate = Date.parse(row.demoNow) + Math.max(0, Date.now() - Date.parse(row.demoNowSetAt));
    if (this.demoNowMs !== 0 && candidate < this.now().getTime()) return;
    this.demoNowMs = Date.parse(row.demoNow);
    this.setAtWallMs = Date.parse(row.demoNowSetAt);
  }
}
