/**
 * Lock and unlock orders out to the carriers (issue 11, item 5). The roadmap's steps and the unlock
 * a verification brings are written as orders (registry/lock-orders.repository.ts); here each
 * carrier reads its orders from a feed, in order, from a cursor, and confirms what its network has
 * done. A line's lock stays `ordered` until its newest order is confirmed. The time from an order's
 * due instant to its confirmation is measured against the 2-hour rule; an order open past a
 * setting is flagged.
 */
import type { Database } from '../db/open.ts';
import { isReportedInFuture, maskMsisdn, type Scope } from '../domain/index.ts';
import { AppError } from '../errors.ts';
import { appendEvent } from '../registry/index.ts';
import { confirmLineIfLatest, confirmOrder, feedAfter, findOrder, orderTimes } from './lock-orders.repository.ts';
import type { LockConfirmationAnswer, LockOrderView, LockTimeliness } from './lock-orders.schema.ts';
import type { LockOrderSettings } from './lock-orders.settings.ts';

const iso = (instant: string) => new Date(instant).toISOString();

/** The orders of the carriers in `scope` after the cursor, oldest first, and the cursor to read on from. */
export async function readLockOrders(db: Database, scope: Scope, after: number, limit: number): Promise<{ orders: LockOrderView[]; next: number }> {
  const rows = await feedAfter(db.kysely, scope, after, limit);
  return {
    orders: rows.map((r) => ({
      id: Number(r.id),
      msisdn: r.msisdn,
      action: r.action,
      reason: r.reason,
      dueAt: iso(r.due_at),
      orderedAt: iso(r.ordered_at),
      confirmedAt: r.confirmed_at === null ? null : iso(r.confirmed_at),
    })),
    next: rows.length > 0 ? Number(rows.at(-1)?.id) : after,
  };
}

/**
 * Records a carrier's confirmations, one answer each in the request's order. The first confirmation
 * of an order stands (a repeat is `duplicate`); an order of another carrier is not found.
 */
export async function confirmLockOrders(
  deps: { db: Database; now: () => Date },
  reporter: { scope: Scope; actor: string },
  confirmations: readonly { orderId: number; at: string }[],
): Promise<LockConfirmationAnswer[]> {
  const answers: LockConfirmationAnswer[] = [];
  for (const confirmation of confirmations) {
    try {
      answers.push({ orderId: confirmation.orderId, status: await confirmOne(deps, reporter, confirmation), error: null });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      answers.push({ orderId: confirmation.orderId, status: 'refused', error: { code: error.code, title: error.title, message: error.detail ?? error.title } });
    }
  }
  return answers;
}

async function confirmOne(
  deps: { db: Database; now: () => Date },
  reporter: { scope: Scope; actor: string },
  confirmation: { orderId: number; at: string },
): Promise<LockConfirmationAnswer['status']> {
  const at = new Date(confirmation.at);
  if (isReportedInFuture(at, deps.now())) throw new AppError('EVENT_IN_FUTURE', 'Thời điểm xác nhận muộn hơn thời điểm hiện tại.');
  return deps.db.kysely.transaction().execute(async (trx) => {
    const order = await findOrder(trx, reporter.scope, confirmation.orderId);
    if (!order) throw new AppError('LOCK_ORDER_NOT_FOUND', 'Không có lệnh này trong các lệnh gửi nhà mạng.');
    if (at.getTime() < Date.parse(order.ordered_at)) throw new AppError('CONFIRMATION_BEFORE_ORDER', 'Thời điểm xác nhận sớm hơn thời điểm ra lệnh.');
    if (!(await confirmOrder(trx, order.id, at.toISOString(), reporter.actor))) return 'duplicate';
    const lineConfirmed = await confirmLineIfLatest(trx, Number(order.subscriber_id), Number(order.id));
    await appendEvent(trx, {
      subscriberId: Number(order.subscriber_id),
      at: at.toISOString(),
      kind: 'lock_order_confirmed',
      toState: lineConfirmed ? 'confirmed' : null,
      actor: reporter.actor,
      details: { orderId: Number(order.id), action: order.action, minutesAfterDue: Math.round((at.getTime() - Date.parse(order.due_at)) / 60_000) },
    });
    return 'confirmed';
  });
}

/** Per carrier: orders, confirmed within the limit and late, open and flagged, delay median and 95th percentile; the flagged orders. */
export async function lockTimeliness(db: Database, scope: Scope, settings: LockOrderSettings, now: Date): Promise<LockTimeliness> {
  const rows = await orderTimes(db.kysely, scope);
  const byCarrier = new Map<string, { delays: number[]; orders: number; open: number; flagged: number }>();
  const flagged: LockTimeliness['flagged'] = [];
  for (const row of rows) {
    const tally = byCarrier.get(row.carrier) ?? { delays: [], orders: 0, open: 0, flagged: 0 };
    byCarrier.set(row.carrier, tally);
    tally.orders += 1;
    const due = Date.parse(row.due_at);
    if (row.confirmed_at !== null) {
      tally.delays.push(Math.max(0, Date.parse(row.confirmed_at) - due));
      continue;
    }
    tally.open += 1;
    if (now.getTime() - due > settings.flagUnconfirmedAfterMs) {
      tally.flagged += 1;
      flagged.push({ id: Number(row.id), carrier: row.carrier, msisdn: maskMsisdn(row.msisdn), action: row.action, dueAt: iso(row.due_at), minutesOpen: Math.round((now.getTime() - due) / 60_000) });
    }
  }
  const minutes = (ms: number | undefined) => (ms === undefined ? null : Math.round(ms / 600) / 100);
  return {
    limitMinutes: settings.confirmWithinMs / 60_000,
    flagAfterMinutes: settings.flagUnconfirmedAfterMs / 60_000,
    carriers: [...byCarrier].sort(([a], [b]) => a.localeCompare(b)).map(([carrier, t]) => {
      const sorted = t.delays.sort((a, b) => a - b);
      const within = sorted.filter((d) => d <= settings.confirmWithinMs).length;
      return {
        carrier,
        orders: t.orders,
        confirmed: sorted.length,
        withinLimit: within,
        late: sorted.length - within,
        open: t.open,
        flagged: t.flagged,
        medianMinutes: minutes(percentile(sorted, 0.5)),
        p95Minutes: minutes(percentile(sorted, 0.95)),
      };
    }),
    flagged: flagged.sort((a, b) => b.minutesOpen - a.minutesOpen).slice(0, 100),
  };
}

/** The nearest-rank percentile of sorted values; undefined for none. */
function percentile(sorted: readonly number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}
