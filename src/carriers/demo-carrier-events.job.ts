/**
 * In a demo the carriers' networks also report what happens on their lines, through the same
 * events a real carrier's system pushes (`recordCarrierEvents`): SIMs seen in a new handset (the
 * device-change roadmap starts), lines closed, numbers ported to another carrier, lines passed to a
 * relative. Demo time is cut into quarter-hour slots; each slot's events are drawn from a generator
 * seeded by the slot and the carrier, with references derived from them, so running a slot again
 * (a restart, another instance) reports nothing new. Off outside a demo.
 */
import type { Database } from '../db/open.ts';
import { CARRIERS, type Carrier } from '../domain/index.ts';
import { DEFAULT_DEMO_SETTINGS, ImeiGenerator, Random } from '../demo/index.ts';
import type { JobDefinition } from '../jobs/job.ts';
import type { CarrierEvent } from './carrier-events.schema.ts';
import { recordCarrierEvents } from './carrier-events.service.ts';
import type { DemoCarriersJobContext } from './demo-carriers.job.ts';
import { demoEventsCursor, openLineFrom, openLinesPerCarrier, subscriberIdRange, type DemoLine } from './demo-carrier-events.repository.ts';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const SLOT_MS = 15 * MINUTE_MS;
const RUN_EVERY_MS = MINUTE_MS;
/** A demo clock moved on by weeks reports the last two days of it, not a burst of every slot. */
const MAX_SLOTS_PER_RUN = (2 * DAY_MS) / SLOT_MS;

/**
 * Events per open line per day (assumed: handsets are replaced every two to three years, a few
 * lines in ten thousand are given up each day, porting is little used in Vietnam, a line passed to
 * a relative is rarer still).
 */
export const DEMO_EVENT_RATES = { device_changed: 1 / 1_000, line_closed: 1 / 5_000, ported_out: 1 / 20_000, holder_transferred: 1 / 50_000 } as const;
type DemoKind = keyof typeof DEMO_EVENT_RATES;
export type DemoEventRates = Record<DemoKind, number>;

const imeis = new ImeiGenerator(DEFAULT_DEMO_SETTINGS.imei.tacPrefixes);

/** The slots due at `now`: from the one holding `cursor` (where the networks got to; without one, the last one) to the last one ended. */
export function slotsDue(cursor: string | null, now: Date): number[] {
  const last = Math.floor(now.getTime() / SLOT_MS) - 1;
  const first = cursor === null ? last : Math.max(Math.floor(Date.parse(cursor) / SLOT_MS), last - MAX_SLOTS_PER_RUN + 1);
  return Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => first + i);
}

/**
 * One slot's events of one carrier, drawn from the registry as it is. Each kind has its own
 * generator, seeded by the slot, the carrier and the kind, and each event takes the same draws:
 * the slot run again draws the same events under the same references (fewer when lines have
 * closed since), so they are answered as duplicates.
 */
async function slotEvents(db: Database, carrier: Carrier, slot: number, openLines: number, ids: { low: number; high: number }, rates: DemoEventRates): Promise<CarrierEvent[]> {
  const events: CarrierEvent[] = [];
  for (const [k, kind] of (Object.keys(rates) as DemoKind[]).entries()) {
    const random = new Random((slot * CARRIERS.length + CARRIERS.indexOf(carrier)) * 8 + k);
    const draw = () => ids.low + Math.floor(random.float() * (ids.high - ids.low + 1));
    // Rounded at random, so the mean is right.
    const count = Math.floor((openLines * rates[kind] * SLOT_MS) / DAY_MS + random.float());
    for (let n = 0; n < count; n++) {
      const [lineDraw, relativeDraw, at] = [draw(), draw(), new Date(slot * SLOT_MS + Math.floor(random.float() * SLOT_MS)).toISOString()];
      const [imei, toCarrier] = [imeis.next(random), otherCarrier(carrier, random)];
      const line = await openLineFrom(db.kysely, carrier, lineDraw);
      if (!line) return events;
      const common = { reference: `demo-${slot}-${kind}-${n}`, msisdn: line.msisdn, at };
      if (kind === 'device_changed') events.push({ ...common, kind, imei });
      else if (kind === 'line_closed') events.push({ ...common, kind });
      else if (kind === 'ported_out') events.push({ ...common, kind, toCarrier });
      else {
        const relative = await openLineFrom(db.kysely, null, relativeDraw);
        if (relative && relative.id !== line.id && relative.holder_kind === 'citizen') events.push({ ...common, kind, holder: holderOf(relative) });
      }
    }
  }
  return events;
}

const otherCarrier = (carrier: Carrier, random: Random): Carrier => {
  const others = CARRIERS.filter((c) => c !== carrier);
  return others[Math.floor(random.float() * others.length)] as Carrier;
};

/** Another line's holder, in the subscriber file's words: the line is passed to a relative. */
function holderOf(line: DemoLine): Extract<CarrierEvent, { kind: 'holder_transferred' }>['holder'] {
  return {
    holder_kind: line.holder_kind,
    document_type: line.document_type,
    document_number: line.document_number,
    full_name: line.full_name,
    birth_date: line.birth_date,
    birth_precision: line.birth_precision,
    ...(line.sex ? { sex: line.sex } : {}),
    ...(line.commune_code ? { commune_code: line.commune_code } : {}),
  };
}

/** Reports the events of every slot due at `now`, each carrier through its own reach; answers how many were reported and applied. */
export async function reportDemoCarrierEvents(db: Database, now: Date, rates: DemoEventRates = DEMO_EVENT_RATES): Promise<{ reported: number; applied: number }> {
  const slots = slotsDue(await demoEventsCursor(db.kysely), now);
  const ids = await subscriberIdRange(db.kysely);
  if (slots.length === 0 || ids === null) return { reported: 0, applied: 0 };
  const open = await openLinesPerCarrier(db.kysely);
  let reported = 0;
  let applied = 0;
  for (const carrier of CARRIERS) {
    const lines = open.get(carrier) ?? 0;
    if (lines === 0) continue;
    for (const slot of slots) {
      const events = await slotEvents(db, carrier, slot, lines, ids, rates);
      if (events.length === 0) continue;
      const answers = await recordCarrierEvents({ db, now: () => now }, { scope: [{ kind: 'carrier', value: carrier }], actor: `demo:${carrier}` }, events);
      reported += events.length;
      applied += answers.filter((a) => a.status === 'applied').length;
    }
  }
  return { reported, applied };
}

export const demoCarrierEventsJob: JobDefinition<DemoCarriersJobContext, { reported: number; applied: number }> = {
  id: 'demo.carrier-events',
  intervalMs: (ctx) => (ctx.deployment.mode === 'demo' ? RUN_EVERY_MS : 0),
  run: (ctx) => reportDemoCarrierEvents(ctx.db, ctx.clock.now()),
  describe: (result) => (result.applied > 0 ? `nhà mạng (mô phỏng) đã báo ${result.applied} sự kiện thuê bao (đổi máy, đóng, chuyển mạng, chuyển chủ)` : undefined),
};
