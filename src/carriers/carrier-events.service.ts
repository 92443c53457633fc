/**
 * Carriers' events (issue 11, items 2 and 3): what a carrier's system reports about its lines. A
 * standardisation notice puts the line in target group 2 (carrier_notice) from the day it was sent;
 * a SIM in another handset records the IMEI and makes verification required again (device_change:
 * the roadmap follows it from the date its settings give); a closure, a transfer to another holder
 * and a port out change the line with their events. Events are applied in the order of their own
 * times; one older than a later change of the line (a verification, another handset, another
 * holder, a closure) is recorded but changes nothing. The same reference again is a duplicate.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/open.ts';
import type { DB } from '../db/schema.ts';
import { isReportedInFuture, scopeReach, type ReferenceData, type Scope } from '../domain/index.ts';
import { AppError } from '../errors.ts';
import { answerInTimeOrder } from '../reported-batch.ts';
import { loadReferenceData } from '../reference/index.ts';
import {
  checkRegistration,
  closeLine,
  columnLabel,
  portOut,
  recordHandsetChange,
  subscriberImportDependencies,
  transferLine,
  type RowContext,
} from '../registry/index.ts';
import { parseMsisdn } from '../verification/attempts/index.ts';
import { enterTargetGroup } from '../verification/target-groups/index.ts';
import { changedAfter, endMembershipAt, findCarrierEvent, findReportedLine, insertCarrierEvent, type ReportedLine } from './carrier-events.repository.ts';
import type { CarrierEvent, CarrierEventAnswer } from './carrier-events.schema.ts';

export interface CarrierEventsDeps {
  db: Database;
  now: () => Date;
  reference?: ReferenceData;
}

/** Who reports: the lines they reach (a carrier's), the actor the events name. */
export interface Reporter {
  scope: Scope;
  actor: string;
}

type Status = CarrierEventAnswer['status'];
type FieldProblem = NonNullable<NonNullable<CarrierEventAnswer['error']>['fields']>[number];

/**
 * Records a batch of a carrier's events. Answers one entry per event, in the request's order; an
 * event that breaks a rule is `refused` with a stable code and changes nothing.
 */
export async function recordCarrierEvents(deps: CarrierEventsDeps, reporter: Reporter, events: readonly CarrierEvent[]): Promise<CarrierEventAnswer[]> {
  const context: Context = {
    ...deps,
    reporter,
    reference: deps.reference ?? loadReferenceData(),
    // The same carrier reports through its token or a file: one source, so a reference is seen once.
    source: scopeReach(reporter.scope),
    registration: { ...subscriberImportDependencies(deps.db), asOf: deps.now() },
  };
  return answerInTimeOrder<CarrierEvent, CarrierEventAnswer>(
    events,
    async (event) => ({ reference: event.reference, status: await recordOne(context, event), error: null }),
    (event, error) => ({
      reference: event.reference,
      status: 'refused',
      error: { code: error.code, title: error.title, message: error.detail ?? error.title, ...(error.extra?.['fields'] ? { fields: error.extra['fields'] as FieldProblem[] } : {}) },
    }),
  );
}

type Context = CarrierEventsDeps & { reporter: Reporter; reference: ReferenceData; source: string; registration: RowContext };

async function recordOne(context: Context, event: CarrierEvent): Promise<Status> {
  const at = new Date(event.at);
  if (isReportedInFuture(at, context.now())) throw new AppError('EVENT_IN_FUTURE', 'Thời điểm của sự kiện muộn hơn thời điểm hiện tại.');
  const atIso = at.toISOString();
  const msisdn = parseMsisdn(event.msisdn, context.reference);
  const db = context.db.kysely;
  const line = await findReportedLine(db, msisdn, context.reporter.scope);

  const earlier = await findCarrierEvent(db, context.source, event.reference);
  if (earlier) return duplicateOf(earlier, line, event, atIso);
  if (!line) throw new AppError('SUBSCRIBER_NOT_FOUND', 'Không có thuê bao này trong phạm vi của nhà mạng gửi.');
  refuseAgainstRules(line, event, atIso);
  const holder = event.kind === 'holder_transferred' ? checkHolder(event.holder, line, msisdn, atIso, context.registration) : null;

  try {
    return await db.transaction().execute(async (trx) => {
      const status = await apply(trx, { line, event, atIso, holder, actor: context.reporter.actor });
      await insertCarrierEvent(trx, { source: context.source, reference: event.reference, subscriberId: line.id, kind: event.kind, at: atIso, receivedAt: context.now().toISOString(), status });
      return status;
    });
  } catch (error) {
    // The same reference sent twice at once: the unique key let one in; the other is its duplicate.
    if (error instanceof AppError) throw error;
    const winner = await findCarrierEvent(db, context.source, event.reference);
    if (winner) return duplicateOf(winner, line, event, atIso);
    throw error;
  }
}

/** What no event may do: act on a line already closed or terminated at its time, or before the line existed. */
function refuseAgainstRules(line: ReportedLine, event: CarrierEvent, atIso: string): void {
  if (Date.parse(atIso) < Date.parse(line.registered_at)) {
    throw new AppError('EVENT_BEFORE_REGISTRATION', 'Thời điểm của sự kiện sớm hơn thời điểm đăng ký thuê bao.');
  }
  if (event.kind === 'line_closed') return;
  if (line.closed_at !== null && Date.parse(line.closed_at) <= Date.parse(atIso)) {
    throw new AppError('LINE_CLOSED', 'Nhà mạng đã đóng thuê bao này trước thời điểm của sự kiện.');
  }
  if (line.lock_level === 'terminated') throw new AppError('LINE_TERMINATED', 'Thuê bao đã bị chấm dứt hợp đồng, số đã thu hồi.');
  if (event.kind === 'ported_out' && event.toCarrier === line.carrier) {
    throw new AppError('PORT_TO_SAME_CARRIER', 'Nhà mạng nhận số phải khác nhà mạng đang giữ số.');
  }
}

/** The new holder checked with the subscriber file's rules; each problem named by its field. */
function checkHolder(holder: Extract<CarrierEvent, { kind: 'holder_transferred' }>['holder'], line: ReportedLine, msisdn: string, atIso: string, ctx: RowContext) {
  const checked = checkRegistration({ ...holder, msisdn, line_class: line.line_class, registered_at: atIso }, ctx);
  if (checked.line) return checked.line;
  const errors = checked.problems.filter((p) => p.severity === 'error');
  throw new AppError(
    'HOLDER_INVALID',
    `Thông tin chủ mới không hợp lệ ở: ${[...new Set(errors.map((p) => columnLabel(p.column ?? '')))].join(', ')}.`,
    { fields: errors.map((p): FieldProblem => ({ field: `holder.${p.column ?? ''}`, code: p.code, message: p.message })) },
  );
}

async function apply(
  trx: Kysely<DB>,
  o: { line: ReportedLine; event: CarrierEvent; atIso: string; holder: ReturnType<typeof checkHolder> | null; actor: string },
): Promise<Status> {
  const { line, event, atIso: at, actor } = o;
  const change = { subscriberId: line.id, at, actor, details: { carrierReference: event.reference } };
  if (event.kind === 'notice_sent') {
    const entered = await enterTargetGroup(trx, { subscriberId: line.id, group: 'carrier_notice', source: 'carrier', at, actor });
    // Asked before the line was verified: the membership ran until the verification.
    if (entered && line.verified_at !== null && Date.parse(line.verified_at) > Date.parse(at)) {
      await endMembershipAt(trx, line.id, 'carrier_notice', new Date(line.verified_at).toISOString());
    }
    return entered ? 'applied' : 'unchanged';
  }
  // A closure is decided by later changes of the line only; the others also by a later verification.
  if (await changedAfter(trx, line, at, event.kind !== 'line_closed')) return 'superseded';
  switch (event.kind) {
    case 'device_changed':
      return (await recordHandsetChange(trx, { ...change, imei: event.imei })) ? 'applied' : 'unchanged';
    case 'line_closed':
      return (await closeLine(trx, { ...change, reason: 'carrier_event' })) ? 'applied' : 'unchanged';
    case 'holder_transferred': {
      const { holder_kind, document_type, document_number, full_name, name_key, birth_date, birth_precision, sex, commune_code } = o.holder!;
      const holder = { holder_kind, document_type, document_number, full_name, name_key, birth_date, birth_precision, sex, commune_code };
      return (await transferLine(trx, { ...change, holder })).length > 0 ? 'applied' : 'unchanged';
    }
    case 'ported_out':
      await portOut(trx, { ...change, from: line.carrier, to: event.toCarrier });
      return 'applied';
  }
}

/** A reference seen before: the same event changes nothing; another event under it is refused. */
function duplicateOf(earlier: { subscriber_id: number; kind: string; at: string }, line: ReportedLine | undefined, event: CarrierEvent, atIso: string): Status {
  if (line?.id !== Number(earlier.subscriber_id) || earlier.kind !== event.kind || new Date(earlier.at).toISOString() !== atIso) {
    throw new AppError('EVENT_REFERENCE_REUSED', 'Mã tham chiếu này đã được dùng cho một sự kiện khác.');
  }
  return 'duplicate';
}
