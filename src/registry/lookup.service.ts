/**
 * Look-up of a line, or of every line of a person: state, lock, target groups, history and
 * attempts. Personal data is masked unless the caller asks to reveal it, and every reveal writes
 * an audit row first (no row, no reveal). Until the access capability exists, the caller names
 * itself (`actor`); roles will decide who may reveal.
 */
import type { Database } from '../db/open.ts';
import type { Subscriber } from '../db/schema.ts';
import { maskMsisdn, MSISDN_REASON_MESSAGES_VI, normalizeMsisdn, type ReferenceData } from '../domain/index.ts';
import { AppError } from '../errors.ts';
import { loadReferenceData } from '../reference/index.ts';
import { maskBirthDate, maskDocumentNumber, maskName } from './lookup.masking.ts';
import { attemptsOf, eventsOf, findLines, insertAuditEntry, membershipsOf } from './lookup.repository.ts';
import type { LineView, LookupAnswer } from './lookup.schema.ts';

export interface LookupOptions {
  /** Answer personal data in clear (audit-logged). */
  reveal?: boolean;
  /** Who asks: required to reveal. */
  actor?: string | undefined;
  reference?: ReferenceData;
  now?: () => Date;
}

/** Answer types are the schema's (lookup.schema.ts): what the route sends is what the service builds. */
export type { LineView, LookupAnswer } from './lookup.schema.ts';

/** One line by its number in any common form. @throws AppError MSISDN_INVALID, SUBSCRIBER_NOT_FOUND, ACTOR_REQUIRED */
export async function lookupLine(db: Database, msisdn: string, options: LookupOptions = {}): Promise<LookupAnswer> {
  const actor = requireActor(options);
  const number = normalizeMsisdn(msisdn, options.reference ?? loadReferenceData());
  if (number.msisdn === null) {
    const message = MSISDN_REASON_MESSAGES_VI[number.reasons[0] ?? 'not_digits'];
    throw new AppError('MSISDN_INVALID', message, { errors: [{ field: 'msisdn', message }] });
  }
  const lines = await findLines(db.kysely, { msisdn: number.msisdn });
  const [line] = lines;
  if (!line) throw new AppError('SUBSCRIBER_NOT_FOUND', `Không có thuê bao ${maskMsisdn(number.msisdn)}`);
  if (actor !== null) await audit(db, options, actor, 'subscriber', String(line.id), [line.id]);
  return { revealed: actor !== null, lines: await views(db, lines, actor !== null) };
}

/** Every line registered under a document number. @throws AppError IDENTITY_INVALID, SUBSCRIBER_NOT_FOUND, ACTOR_REQUIRED */
export async function lookupPerson(db: Database, documentNumber: string, options: LookupOptions = {}): Promise<LookupAnswer> {
  const actor = requireActor(options);
  // Personal ID, CMND or passport, as typed: separators dropped, letters upper-cased.
  const document = documentNumber.toUpperCase().replace(/[\s.-]/g, '');
  if (!/^[A-Z0-9]{6,20}$/.test(document)) {
    const message = 'Số giấy tờ chỉ gồm chữ số (hộ chiếu: chữ và số), từ 6 đến 20 ký tự.';
    throw new AppError('IDENTITY_INVALID', message, { errors: [{ field: 'document', message }] });
  }
  const lines = await findLines(db.kysely, { documentNumber: document });
  if (lines.length === 0) throw new AppError('SUBSCRIBER_NOT_FOUND', `Không có thuê bao nào đăng ký với giấy tờ ${maskDocumentNumber(document)}`);
  if (actor !== null) await audit(db, options, actor, 'person', maskDocumentNumber(document), lines.map((l) => l.id));
  return { revealed: actor !== null, lines: await views(db, lines, actor !== null) };
}

/** The revealing actor, null when nothing is revealed. */
function requireActor(options: LookupOptions): string | null {
  if (!options.reveal) return null;
  const actor = options.actor?.trim();
  if (!actor) throw new AppError('ACTOR_REQUIRED', 'Cần cho biết người xem (X-Actor / --actor) để hiện dữ liệu cá nhân.');
  return actor;
}

function audit(db: Database, options: LookupOptions, actor: string, subjectType: string, subjectId: string, subscriberIds: number[]) {
  return insertAuditEntry(db.kysely, {
    at: (options.now?.() ?? new Date()).toISOString(),
    actor,
    action: 'reveal',
    subjectType,
    subjectId,
    details: { subscriberIds },
  });
}

async function views(db: Database, lines: Subscriber[], reveal: boolean): Promise<LineView[]> {
  const ids = lines.map((l) => Number(l.id));
  const [events, memberships, attempts] = await Promise.all([
    eventsOf(db.kysely, ids),
    membershipsOf(db.kysely, ids),
    attemptsOf(db.kysely, ids),
  ]);
  const clear = <T>(value: T, mask: (v: T) => T) => (reveal ? value : mask(value));
  return lines.map((line) => {
    const id = Number(line.id);
    const own = attempts.filter((a) => Number(a.subscriber_id) === id);
    const byOutcome: Record<string, number> = {};
    for (const a of own) byOutcome[a.outcome] = (byOutcome[a.outcome] ?? 0) + 1;
    const last = own[0];
    return {
      msisdn: clear(line.msisdn, maskMsisdn),
      carrier: line.carrier,
      lineClass: line.line_class,
      holderKind: line.holder_kind,
      holder: {
        documentType: line.document_type,
        documentNumber: clear(line.document_number, maskDocumentNumber),
        fullName: clear(line.full_name, maskName),
        birthDate: clear(line.birth_date, maskBirthDate),
      },
      communeCode: line.commune_code,
      registeredAt: line.registered_at,
      state: {
        verification: line.verification_state,
        verifiedAt: line.verified_at,
        requiredSince: line.verification_required_since,
        requiredReason: line.verification_required_reason,
      },
      lock: { level: line.lock_level, reason: line.lock_reason, lockedAt: line.locked_at },
      targetGroups: memberships
        .filter((m) => Number(m.subscriber_id) === id)
        .map((m) => ({ group: m.target_group, source: m.source, detail: m.detail, since: m.since, endedAt: m.ended_at })),
      history: events
        .filter((e) => Number(e.subscriber_id) === id)
        .map((e) => ({ at: e.at, kind: e.kind, fromState: e.from_state, toState: e.to_state, actor: e.actor, channel: e.channel, reason: e.reason })),
      attempts: {
        total: own.length,
        byOutcome,
        last: last
          ? { at: last.at, channel: last.channel, place: last.place, outcome: last.outcome, reasons: JSON.parse(last.reasons) as string[] }
          : null,
      },
    };
  });
}
