/**
 * The self-check (docs/domain.md, "Self-check"), one service for both channels: read the sending line (one
 * indexed read), answer, and record the self-check in the same transaction. SMS and web differ
 * only in how the sender is known: the SMSC vouches for the number of an SMS; the web asks for a
 * one-time code sent to the number first (selfcheck.web.ts), then a session token.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/open.ts';
import type { Scope } from '../domain/index.ts';
import type { DB } from '../db/schema.ts';
import type { SelfCheckChannel, SelfCheckOutcome, SelfCheckRequestKind } from '../domain/index.ts';
import { formatCalendarDay, vietnamCalendarDate } from '../domain/index.ts';
import { enterTargetGroup } from '../verification/target-groups/index.ts';
import type { SelfCheckRequest } from './selfcheck.parser.ts';
import type { RecordSink, SelfCheckRecord } from './selfcheck.records.ts';
import {
  helpAnswer,
  linesAnswer,
  notHeldAnswer,
  notRegisteredAnswer,
  ownerAnswer,
  reportedAnswer,
  type ReplySettings,
  type SelfCheckAnswer,
  type SelfCheckAnswerKind,
  type SelfCheckLine,
} from './selfcheck.replies.ts';
import {
  countSelfChecks,
  findLine,
  findLines,
  documentAtCarrier,
  insertSelfChecks,
  listLinesOfDocument,
  listLinesOfDocuments,
  type SelfCheckCountDimension,
} from './selfcheck.repository.ts';

/** What a person may say is wrong in a report (field names; the values are never taken). */
export const REPORTED_FIELDS = ['full_name', 'birth_date', 'document_number', 'lines', 'other'] as const;
export type ReportedField = (typeof REPORTED_FIELDS)[number];

export interface SelfCheckAsk {
  channel: SelfCheckChannel;
  /** The sender in national form `0xxxxxxxxx`. */
  msisdn: string;
  /** The sender's carrier as far as the channel knows it (SMSC, prefix), for a number outside the registry. */
  carrier: string | null;
  request: SelfCheckRequest;
  /** For a report: what is wrong; empty when the person did not say (SMS). */
  wrong?: readonly ReportedField[];
  at: Date;
}

export interface SelfCheckResult {
  answer: SelfCheckAnswer;
  /** The registered line that asked, when it is one. */
  subscriberId: number | null;
}

const OUTCOMES: Readonly<Record<SelfCheckAnswerKind, SelfCheckOutcome>> = {
  owner: 'shown',
  lines: 'shown',
  not_registered: 'not_registered',
  not_held: 'not_held',
  reported: 'reported',
  help: 'help',
};
const REQUEST_KINDS: Readonly<Record<SelfCheckRequest['kind'], SelfCheckRequestKind>> = {
  owner: 'owner',
  lines: 'lines',
  report: 'report',
  invalid: 'invalid',
};

/**
 * Answers one self-check and records it, by default in the caller's transaction (a report also
 * enters the line into target group 3 and starts its roadmap clock, which must commit with the
 * record); `sink` may take the record elsewhere (the web's group commit).
 * Whether a typed document exists is never looked up unless the sender holds it: the answer to an
 * unknown document is the answer to a document held by someone else (no enumeration).
 */
export async function answerSelfCheck(
  db: Kysely<DB>,
  ask: SelfCheckAsk,
  settings: ReplySettings,
  sink: RecordSink = (record) => insertSelfChecks(db, [record]),
): Promise<SelfCheckResult> {
  const line = await findLine(db, ask.msisdn);
  const { answer } = await answerFor(db, line, ask, settings);
  await sink(recordOf(ask, line, answer));
  return { answer, subscriberId: line?.id ?? null };
}

/**
 * {@link answerSelfCheck} for a batch (the SMS link's), set-based: one read of every sender, one of
 * the lines under the documents they hold, one insert of every record, in the caller's transaction; answers in the order asked. A report in the
 * batch changes its line, so later questions from the same number see the line as reported.
 */
export async function answerSelfChecks(db: Kysely<DB>, asks: readonly SelfCheckAsk[], settings: ReplySettings): Promise<SelfCheckResult[]> {
  const lines = await findLines(db, asks.map((ask) => ask.msisdn));
  // Only documents their senders hold are read (no enumeration), all in one read.
  const held = asks.flatMap((ask) => {
    const line = lines.get(ask.msisdn);
    return line && ask.request.kind === 'lines' && line.document_number.toUpperCase() === ask.request.document
      ? [{ documentNumber: line.document_number, carrier: line.carrier }]
      : [];
  });
  const linesOfDocuments = held.length === 0 ? new Map<string, string[]>() : await listLinesOfDocuments(db, held);
  const linesOf: LinesOf = (line) => Promise.resolve(linesOfDocuments.get(documentAtCarrier(line.document_number, line.carrier)) ?? []);
  const results: SelfCheckResult[] = [];
  const records: SelfCheckRecord[] = [];
  for (const ask of asks) {
    const line = lines.get(ask.msisdn);
    const { answer, lineAfter } = await answerFor(db, line, ask, settings, linesOf);
    if (lineAfter) lines.set(ask.msisdn, lineAfter);
    records.push(recordOf(ask, line, answer));
    results.push({ answer, subscriberId: line?.id ?? null });
  }
  await insertSelfChecks(db, records);
  return results;
}

function recordOf(ask: SelfCheckAsk, line: SelfCheckLine | undefined, answer: SelfCheckAnswer): SelfCheckRecord {
  return {
    at: ask.at.toISOString(),
    // The Vietnam day the counts use.
    day: formatCalendarDay(vietnamCalendarDate(ask.at)),
    channel: ask.channel,
    msisdn: ask.msisdn,
    carrier: line?.carrier ?? ask.carrier,
    request_kind: REQUEST_KINDS[ask.request.kind],
    outcome: OUTCOMES[answer.kind],
    subscriber_id: line?.id ?? null,
    commune_code: line?.commune_code ?? null,
    detail: ask.request.kind === 'report' ? reportDetail(ask.wrong) : null,
  };
}

/** The live numbers under the line's document at its carrier (read alone, or from a batch's read). */
type LinesOf = (line: SelfCheckLine) => Promise<string[]>;

/** The answer, and for a report the line as it stands after it (its roadmap clock started). */
async function answerFor(
  db: Kysely<DB>,
  line: SelfCheckLine | undefined,
  ask: SelfCheckAsk,
  settings: ReplySettings,
  linesOf: LinesOf = (l) => listLinesOfDocument(db, l.document_number, l.carrier),
): Promise<{ answer: SelfCheckAnswer; lineAfter?: SelfCheckLine }> {
  const { request } = ask;
  if (request.kind === 'invalid') return { answer: helpAnswer(ask.msisdn, settings) };
  if (!line) return { answer: notRegisteredAnswer(ask.msisdn, settings) };
  switch (request.kind) {
    case 'owner':
      return { answer: ownerAnswer(line, settings, ask.at) };
    case 'lines':
      if (line.document_number.toUpperCase() !== request.document) return { answer: notHeldAnswer(line, settings) };
      return { answer: linesAnswer(line, await linesOf(line), settings) };
    case 'report': {
      const reported = await report(db, line, ask);
      return { answer: reportedAnswer(reported, settings, ask.at), lineAfter: reported };
    }
  }
}

/**
 * Puts the line into target group 3 (`mismatch`, source `selfcheck`), which starts its
 * verification requirement so the roadmap applies, and reads the line again for its new clock.
 * A terminated line is past the roadmap: nothing is entered.
 */
async function report(db: Kysely<DB>, line: SelfCheckLine, ask: SelfCheckAsk): Promise<SelfCheckLine> {
  if (line.lock_level === 'terminated') return line;
  const entered = await enterTargetGroup(db, {
    subscriberId: line.id,
    group: 'mismatch',
    source: 'selfcheck',
    detail: reportDetail(ask.wrong),
    at: ask.at.toISOString(),
    actor: `selfcheck:${ask.channel}`,
  });
  return entered ? ((await findLine(db, ask.msisdn)) ?? line) : line;
}

/** `birth_date,full_name`, sorted, or `unspecified` when the person did not say. */
function reportDetail(wrong: readonly ReportedField[] = []): string {
  return wrong.length === 0 ? 'unspecified' : [...new Set(wrong)].sort().join(',');
}


export interface SelfCheckCount {
  communeCode?: string | null;
  communeName?: string | null;
  carrier?: string | null;
  day?: string;
  checks: number;
  reports: number;
  lines: number;
}

/** Self-checks (and of them, reports; and distinct numbers) by any of commune, carrier and Vietnam day, within `scope`. */
export async function countSelfCheckRecords(
  db: Database,
  options: { by: readonly SelfCheckCountDimension[]; fromDay?: string | undefined; toDay?: string | undefined; scope?: Scope },
): Promise<SelfCheckCount[]> {
  const rows = await countSelfChecks(db.kysely, options.by, options, options.scope);
  return rows.map((row) => ({
    ...(row.commune_code !== undefined ? { communeCode: row.commune_code, communeName: row.commune_name ?? null } : {}),
    ...(row.carrier !== undefined ? { carrier: row.carrier } : {}),
    ...(row.day !== undefined ? { day: row.day } : {}),
    checks: row.checks,
    reports: row.reports,
    lines: row.lines,
  }));
}
