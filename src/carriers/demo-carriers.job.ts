/**
 * In a demo the carriers' networks are simulated here: each carrier reads its lock orders from the
 * same feed a real carrier's system reads, and confirms each one after a plausible delay — most
 * within minutes, a few hours late — through the same confirmations. Off outside a demo.
 */
import type { Clock, Deployment } from '../clock/index.ts';
import type { Database } from '../db/open.ts';
import { CARRIERS, type Scope } from '../domain/index.ts';
import type { JobDefinition } from '../jobs/job.ts';
import { MAX_CONFIRMATIONS, MAX_FEED_ORDERS, type LockOrderView } from './lock-orders.schema.ts';
import { confirmLockOrders, readLockOrders } from './lock-orders.service.ts';

export interface DemoCarriersJobContext {
  db: Database;
  clock: Clock;
  deployment: Deployment;
}

const MINUTE_MS = 60_000;
const RUN_EVERY_MS = 30_000;
/** Share of orders a demo carrier carries out late (per mille), and how late (assumed). */
const LATE_PER_MILLE = 60;

/** When a demo carrier's network carries the order out: a fixed delay per order, from its order or due instant, whichever is later. */
export function demoDoneAt(order: Pick<LockOrderView, 'id' | 'dueAt' | 'orderedAt'>): Date {
  const draw = Math.imul(order.id, 2_654_435_761) >>> 0;
  const perMille = draw % 1000;
  const delayMinutes = perMille < LATE_PER_MILLE ? 130 + (draw >>> 10) % 230 : 4 + (draw >>> 10) % 96;
  return new Date(Math.max(Date.parse(order.dueAt), Date.parse(order.orderedAt)) + delayMinutes * MINUTE_MS);
}

/** Each demo carrier's place in the feed and the orders it has read but not yet carried out, per database. */
const carriersOf = new WeakMap<Database, Map<string, { cursor: number; pending: LockOrderView[] }>>();

export const demoCarriersJob: JobDefinition<DemoCarriersJobContext, { confirmed: number }> = {
  id: 'demo.carriers',
  intervalMs: (ctx) => (ctx.deployment.mode === 'demo' ? RUN_EVERY_MS : 0),
  run: async (ctx) => {
    const now = ctx.clock.now();
    const carriers = carriersOf.get(ctx.db) ?? new Map<string, { cursor: number; pending: LockOrderView[] }>();
    carriersOf.set(ctx.db, carriers);
    let confirmed = 0;
    for (const carrier of CARRIERS) {
      const scope: Scope = [{ kind: 'carrier', value: carrier }];
      const network = carriers.get(carrier) ?? { cursor: 0, pending: [] };
      carriers.set(carrier, network);
      for (;;) {
        const page = await readLockOrders(ctx.db, scope, network.cursor, MAX_FEED_ORDERS);
        network.pending.push(...page.orders.filter((o) => o.confirmedAt === null));
        network.cursor = page.next;
        if (page.orders.length < MAX_FEED_ORDERS) break;
      }
      const done = network.pending.filter((o) => demoDoneAt(o) <= now).slice(0, MAX_CONFIRMATIONS);
      if (done.length === 0) continue;
      const answers = await confirmLockOrders({ db: ctx.db, now: () => now }, { scope, actor: `demo:${carrier}` }, done.map((o) => ({ orderId: o.id, at: demoDoneAt(o).toISOString() })));
      confirmed += answers.filter((a) => a.status === 'confirmed').length;
      const answered = new Set(done.map((o) => o.id));
      network.pending = network.pending.filter((o) => !answered.has(o.id));
    }
    return { confirmed };
  },
  describe: (result) => (result.confirmed > 0 ? `nhà mạng (mô phỏng) đã xác nhận ${result.confirmed} lệnh khóa, mở khóa` : undefined),
};
