/**
 * Look-up of a line, or of every line of a person: state, lock, target groups, history and
 * attempts, within the principal's scope (a line outside it is not found, exactly as an unknown
 * one). Personal data is masked unless revealed with a stated reason, and every reveal writes an
 * audit row first (no row, no reveal).
 */
import { insertAuditEntry, requireAction } from '../access/index.ts';
import type { Database } from '../db/open.ts';
import type { Subscriber } from '../db/schema.ts';
import { maskMsisdn, type Principal, type ReferenceData } from '../domain/index.ts';
import { AppError } from '../errors.ts';
import { loadReferenceData } from '../reference/index.ts';
import { maskBirthDate, maskDocumentNumber, maskName } from '../registry/index.ts';
import { DEFAULT_ROADMAP_SETTINGS, type RoadmapSettings } from '../roadmap/index.ts';
import { parseMsisdn } from '../verification/attempts/index.ts';
import { attemptsOf, eventsOf, findLines, membershipsOf } from './lookup.repository.ts';
import { lineRoadmap } from './lookup.roadmap.ts';
import type { LineView, LookupAnswer } from './lookup.schema.ts';

/** Why personal data is shown, and where the request came from: what the audit row records. */
export interface RevealRequest {
  /** As the person typed it; trimmed, 5–500 characters. */
  reason: string | undefined;
  requestId?: string | null;
  clientAddress?: string | null;
}

export interface LookupOptions {
  /** Where "now" is read (the deployment's clock). */
  now: () => Date;
  /** Answer personal data in clear, for this reason (audit-logged). */
  reveal?: RevealRequest;
  reference?: ReferenceData;
  /** The roadmap's delays and places: the settings the roadmap job runs with (the defaults). */
  roadmap?: RoadmapSettings;
}

/** Answer types are the schema's (lookup.schema.ts): what the route sends is what the service builds. */
export type { LineView, LookupAnswer } from './lookup.schema.ts';

/** The reason a reveal needs, counted in characters (any script), after trimming. */
export const REVEAL_REASON_LENGTH = { min: 5, max: 500 } as const;

/**
 * One line, by its number in any common form or by its id.
 * @throws AppError FORBIDDEN, MSISDN_INVALID, SUBSCRIBER_NOT_FOUND, REASON_REQUIRED
 */
export async function lookupLine(db: Database, principal: Principal, key: { msisdn: string } | { id: number }, options: LookupOptions): Promise<LookupAnswer> {
  const reason = checkAccess(principal, options);
  const stored = 'id' in key ? key : { msisdn: parseMsisdn(key.msisdn, options.reference ?? loadReferenceData()) };
  const lines = await findLines(db.kysely, principal.scope, stored);
  const [line] = lines;
  // Outside the scope or not registered: one answer, so nothing tells the two apart.
  if (!line) throw new AppError('SUBSCRIBER_NOT_FOUND', 'id' in stored ? `Không có thuê bao mã ${stored.id}` : `Không có thuê bao ${maskMsisdn(stored.msisdn)}`);
  if (reason !== null) await audit(db, principal, options, reason, { subjectType: 'subscriber', subjectId: String(line.id) }, lines);
  return { revealed: reason !== null, lines: await views(db, lines, reason !== null, options) };
}

/**
 * The lines registered under a document number, those within the principal's scope only.
 * @throws AppError FORBIDDEN, IDENTITY_INVALID, SUBSCRIBER_NOT_FOUND, REASON_REQUIRED
 */
export async function lookupPerson(db: Database, principal: Principal, documentNumber: string, options: LookupOptions): Promise<LookupAnswer> {
  const reason = checkAccess(principal, options);
  // Personal ID, CMND or passport, as typed: separators dropped, letters upper-cased.
  const document = documentNumber.toUpperCase().replace(/[\s.-]/g, '');
  if (!/^[A-Z0-9]{6,20}$/.test(document)) {
    const message = 'Số giấy tờ chỉ gồm chữ số (hộ chiếu: chữ và số), từ 6 đến 20 ký tự.';
    throw new AppError('IDENTITY_INVALID', message, { errors: [{ field: 'document', message }] });
  }
  const lines = await findLines(db.kysely, principal.scope, { documentNumber: document });
  if (lines.length === 0) throw new AppError('SUBSCRIBER_NOT_FOUND', `Không có thuê bao nào đăng ký với giấy tờ ${maskDocumentNumber(document)}`);
  if (reason !== null) await audit(db, principal, options, reason, { subjectType: 'person', subjectId: maskDocumentNumber(document) }, lines);
  return { revealed: reason !== null, lines: await views(db, lines, reason !== null, options) };
}

/**
 * The principal's right to look up, or to reveal with a stated reason; the reason, trimmed (null:
 * nothing is revealed). @throws AppError FORBIDDEN, REASON_REQUIRED
 */
function checkAccess(principal: Principal, options: LookupOptions): string | null {
  requireAction(principal, options.reveal ? 'subscriber.reveal' : 'subscriber.lookup');
  if (!options.reveal) return null;
  const reason = options.reveal.reason?.trim() ?? '';
  const length = [...reason.normalize('NFC')].length;
  if (length < REVEAL_REASON_LENGTH.min || length > REVEAL_REASON_LENGTH.max) {
    const message = `Nêu lý do xem thông tin cá nhân, từ ${REVEAL_REASON_LENGTH.min} đến ${REVEAL_REASON_LENGTH.max} ký tự.`;
    throw new AppError('REASON_REQUIRED', message, { errors: [{ field: 'reason', message }] });
  }
  return reason;
}

function audit(
  db: Database,
  principal: Principal,
  options: LookupOptions,
  reason: string,
  subject: { subjectType: string; subjectId: string },
  lines: readonly Subscriber[],
) {
  return insertAuditEntry(db.kysely, {
    at: options.now().toISOString(),
    actor: principal.actor,
    action: 'subscriber.reveal',
    ...subject,
    reason,
    requestId: options.reveal?.requestId ?? null,
    clientAddress: options.reveal?.clientAddress ?? null,
    details: { subscriberIds: lines.map((l) => Number(l.id)) },
  });
}

async function views(db: Database, lines: Subscriber[], reveal: boolean, options: LookupOptions): Promise<LineView[]> {
  const now = options.now();
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
    const lastReasons = last ? (JSON.parse(last.reasons) as string[]) : [];
    return {
      id,
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
      lock: { level: line.lock_level, reason: line.lock_reason, lockedAt: line.locked_at, state: line.lock_state },
      roadmap: lineRoadmap(
        {
          verificationState: line.verification_state,
          lockLevel: line.lock_level,
          lockReason: line.lock_reason,
          lockedAt: line.locked_at,
          requiredSince: line.verification_required_since,
          requiredReason: line.verification_required_reason,
          documentType: line.document_type,
          holderKind: line.holder_kind,
          lastAttempt: last ? { outcome: last.outcome, reasons: lastReasons } : null,
        },
        options.roadmap ?? DEFAULT_ROADMAP_SETTINGS,
        now,
      ),
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
          ? { at: last.at, channel: last.channel, place: last.place, outcome: last.outcome, reasons: lastReasons }
          : null,
      },
    };
  });
}
