/**
 * The answers of the self-check (docs/domain.md, "Self-check"), as the SMS text and as structured fields for the
 * web. Pure: the service reads the lines, these functions word the answer. Texts are written in
 * Vietnamese and sent without diacritics (GSM-7), at most two concatenated parts (306 characters);
 * deadlines and next steps come from the roadmap's rules and settings, never re-derived here.
 */
import type { LockState, SubscriberTable } from '../db/schema.ts';
import type { DocumentType, LockLevel, VerificationState } from '../domain/index.ts';
import { analyzeSms, birthDateFromIso, maskMsisdn, toGsm7Text } from '../domain/index.ts';
import { maskDocumentNumber } from '../registry/index.ts';
import { formatVietnamTime, nextCampaignStep, type RoadmapSettings } from '../roadmap/index.ts';
import { KEYWORD, REPORT_WORD } from './selfcheck.parser.ts';
import type { LineStatus, SelfCheckAnswer } from './selfcheck.schema.ts';

/** The columns of a line an answer needs. */
export type SelfCheckLine = Pick<
  SubscriberTable,
  | 'msisdn'
  | 'carrier'
  | 'document_type'
  | 'document_number'
  | 'full_name'
  | 'birth_date'
  | 'birth_precision'
  | 'commune_code'
  | 'verified_at'
  | 'lock_reason'
  | 'locked_at'
  | 'verification_required_since'
  | 'verification_required_reason'
> & { id: number; verification_state: VerificationState; lock_level: LockLevel; lock_state: LockState };

export interface ReplySettings {
  /** Show phone numbers in full (carriers' practice is unknown: masked by default). */
  unmask: boolean;
  /**
   * Mask the owner's document number. Shown in full by default: the reply goes only to the line
   * itself, and the wrong digit is what the person checks for; the stored copy of an SMS reply is
   * blanked once the SMSC has it (SECRET_NOTICE_KINDS).
   */
  maskDocument: boolean;
  /** The short code people text (1414). */
  shortCode: string;
  /**
   * Where a line that is not two-way locked can verify. Longer than the roadmap's one-SMS notices
   * can afford: a reply has two parts.
   */
  verifyWhere: string;
  /** The roadmap's delays, and where a two-way locked line must go: the settings the roadmap job runs with. */
  roadmap: RoadmapSettings;
}

// The answer's types are its schema's (selfcheck.schema.ts): what the route sends is what is built here.
export type { LineStatus, SelfCheckAnswer, SelfCheckAnswerKind } from './selfcheck.schema.ts';

/** Two concatenated GSM-7 parts: 2 × 153 septets. */
export const MAX_REPLY_PARTS = 2;

const DOCUMENT_LABELS: Readonly<Record<DocumentType, string>> = { personal_id: 'CCCD', cmnd9: 'CMND', passport: 'hộ chiếu' };
const CARRIER_LABELS: Readonly<Record<string, string>> = {
  viettel: 'Viettel',
  vinaphone: 'VinaPhone',
  mobifone: 'MobiFone',
  vietnamobile: 'Vietnamobile',
  gmobile: 'Gmobile',
  itel: 'iTel',
  wintel: 'Wintel',
};

const number = (msisdn: string, settings: ReplySettings) => (settings.unmask ? msisdn : maskMsisdn(msisdn));
const documentNumber = (line: SelfCheckLine, settings: ReplySettings) =>
  settings.maskDocument ? maskDocumentNumber(line.document_number) : line.document_number;
const day = (instant: Date) => formatVietnamTime(instant).slice(0, 10);

/** The stored birth date as people write it: `dd/mm/yyyy`, `mm/yyyy` or `yyyy` by its precision. */
function displayBirthDate(stored: string): string {
  const date = birthDateFromIso(stored);
  if (!date) return stored;
  const two = (n: number | undefined) => String(n ?? 0).padStart(2, '0');
  if (date.precision === 'year') return String(date.year);
  if (date.precision === 'month') return `${two(date.month)}/${date.year}`;
  return `${two(date.day)}/${two(date.month)}/${date.year}`;
}

/** What to bring in person: the document the line is (or must be) registered with. */
function bring(line: SelfCheckLine): string {
  return line.document_type === 'passport' ? 'mang hộ chiếu' : 'mang CCCD gắn chip';
}

/** Foreigners verify in person only (docs/domain.md, "Verification"): the in-person place is their only way. */
function verifyWhere(line: SelfCheckLine, settings: ReplySettings): string {
  return line.document_type === 'passport' ? settings.roadmap.verifyWhereTwoWay : settings.verifyWhere;
}

/** `trước 03/06/2026 09:00`, or `ngay` once the instant has passed (the job has not run yet). */
function before(dueAt: Date, now: Date): string {
  return dueAt.getTime() > now.getTime() ? `trước ${formatVietnamTime(dueAt)}` : 'ngay';
}

/** The line's state and next roadmap step (campaign locks only: other locks have their own lifecycle). */
export function lineStatus(line: SelfCheckLine, settings: ReplySettings): LineStatus {
  const next = nextCampaignStep(
    { lockLevel: line.lock_level, since: line.verification_required_since, lockedAt: line.locked_at, lockReason: line.lock_reason },
    settings.roadmap,
  );
  return {
    verification: line.verification_state,
    lock: line.lock_level,
    lockState: line.lock_state,
    verifiedAt: line.verified_at,
    nextStep: next ? { step: next.step, dueAt: next.dueAt.toISOString() } : null,
  };
}

/** The sentences that say where the line stands and what to do next, with the deadline. */
function statusText(line: SelfCheckLine, status: LineStatus, settings: ReplySettings, now: Date): string {
  const where = verifyWhere(line, settings);
  const inPerson = settings.roadmap.verifyWhereTwoWay;
  const due = status.nextStep ? before(new Date(status.nextStep.dueAt), now) : '';
  if (line.lock_level === 'terminated') return `Hợp đồng đã chấm dứt, số đã thu hồi. Hỗ trợ tại ${inPerson}.`;
  if (line.lock_level !== 'none' && !status.nextStep) return `TB đang bị khóa (không do xác thực thông tin). Liên hệ ${inPerson}.`;
  // tttb has ordered the lock; until the carrier confirms it, the line is not said to be locked.
  const [state, ordered] = line.lock_state === 'confirmed' ? ['đang', ''] : ['sắp', ' (nhà mạng đang thực hiện lệnh)'];
  if (line.lock_level === 'two_way') {
    return `TB ${state} bị khóa 2 chiều${ordered}. Đến ${inPerson} (${bring(line)}) xác thực ${due} để mở khóa, nếu không sẽ chấm dứt hợp đồng, thu hồi số.`;
  }
  if (line.lock_level === 'one_way') {
    return `TB ${state} bị khóa gọi đi${ordered}. Xác thực qua ${where} ${due} để mở khóa, tránh khóa 2 chiều; tại quầy ${bring(line)}.`;
  }
  const pending = line.verification_state === 'pending' ? 'Đang chờ kết quả xác thực. ' : '';
  if (status.nextStep) {
    const cause = line.verification_required_reason === 'device_change' ? 'TB đổi máy, cần xác thực lại khuôn mặt' : 'Thông tin chưa khớp CSDL dân cư';
    return `${pending}${cause}: xác thực qua ${where} ${due}, nếu không sẽ bị khóa gọi đi; tại quầy ${bring(line)}.`;
  }
  if (line.verification_state === 'verified') {
    const on = line.verified_at ? ` ngày ${day(new Date(line.verified_at))}` : '';
    const unlocking = line.lock_state === 'ordered' ? ' Nhà mạng đang mở khóa.' : '';
    return `Đã xác thực${on}.${unlocking} Nếu thông tin sai, nhắn ${KEYWORD} ${REPORT_WORD} gửi ${settings.shortCode}.`;
  }
  if (line.document_type === 'cmnd9') {
    return `${pending}CMND 9 số đã hết giá trị: cập nhật số định danh 12 số và xác thực qua ${where}; tại quầy ${bring(line)}.`;
  }
  return `${pending}Chưa xác thực: xác thực qua ${where}; tại quầy ${bring(line)}. Nếu thông tin sai, nhắn ${KEYWORD} ${REPORT_WORD} gửi ${settings.shortCode}.`;
}

function ownerFields(line: SelfCheckLine, settings: ReplySettings): NonNullable<SelfCheckAnswer['owner']> {
  return {
    fullName: line.full_name,
    birthDate: displayBirthDate(line.birth_date),
    documentType: line.document_type,
    documentNumber: documentNumber(line, settings),
  };
}

/** `TTTB`: who the line is registered to, where it stands and what to do next. */
export function ownerAnswer(line: SelfCheckLine, settings: ReplySettings, now: Date): SelfCheckAnswer {
  const owner = ownerFields(line, settings);
  const status = lineStatus(line, settings);
  const text = fit(
    `TB ${number(line.msisdn, settings)}: ${line.full_name}, sinh ${owner.birthDate}, ${DOCUMENT_LABELS[line.document_type]} ` +
      `${owner.documentNumber}. ${statusText(line, status, settings, now)}`,
  );
  return { kind: 'owner', text, msisdn: number(line.msisdn, settings), owner, status };
}

/**
 * `TTTB <document>` from a line registered to that document: the lines under it at the line's
 * carrier, as many as fit in the reply, and how many more.
 */
export function linesAnswer(sender: SelfCheckLine, msisdns: readonly string[], settings: ReplySettings): SelfCheckAnswer {
  const all = msisdns.map((m) => number(m, settings));
  const label = `${DOCUMENT_LABELS[sender.document_type]} ${documentNumber(sender, settings)}`;
  const head = `${label} có ${all.length} TB tại ${CARRIER_LABELS[sender.carrier] ?? sender.carrier}: `;
  const legacy = sender.document_type === 'cmnd9' ? ' CMND 9 số đã hết giá trị, cần cập nhật số định danh 12 số.' : '';
  const tail = `. Số nào không phải của bạn: đến ${settings.roadmap.verifyWhereTwoWay} để xử lý.${legacy}`;
  let shown = all.length;
  const compose = (count: number) => {
    const more = all.length - count;
    return toGsm7Text(head + all.slice(0, count).join(', ') + (more > 0 ? ` và ${more} số khác` : '') + tail);
  };
  while (shown > 0 && !fitsInReply(compose(shown))) shown -= 1;
  return {
    kind: 'lines',
    text: fit(compose(shown)),
    msisdn: number(sender.msisdn, settings),
    lines: { carrier: sender.carrier, total: all.length, shown: all.slice(0, shown) },
  };
}

/**
 * `TTTB <document>` when the sending line is not registered to that document. The same text
 * whether the document exists or not (no enumeration): it depends only on the sending line.
 */
export function notHeldAnswer(sender: SelfCheckLine, settings: ReplySettings): SelfCheckAnswer {
  const legacy = sender.document_type === 'cmnd9' ? ' TB này đăng ký bằng CMND 9 số.' : '';
  const text = fit(
    `Số giấy tờ vừa nhắn không khớp đăng ký của TB ${number(sender.msisdn, settings)}: chỉ tra cứu được giấy tờ đăng ký cho ` +
      `chính số gửi tin.${legacy} Nhắn ${KEYWORD} gửi ${settings.shortCode} để xem thông tin TB này.`,
  );
  return { kind: 'not_held', text, msisdn: number(sender.msisdn, settings) };
}

/** Any request from a number the registry does not hold. */
export function notRegisteredAnswer(msisdn: string, settings: ReplySettings): SelfCheckAnswer {
  const text = fit(
    `Số ${number(msisdn, settings)} chưa có thông tin đăng ký thuê bao. Đến ${settings.roadmap.verifyWhereTwoWay}, mang CCCD gắn chip ` +
      `để đăng ký thông tin, tránh bị khóa.`,
  );
  return { kind: 'not_registered', text, msisdn: number(msisdn, settings) };
}

/**
 * `TTTB SAI` (or the web report): acknowledges the report and says what to do by when. `line` is
 * read after the report, so its roadmap clock already runs.
 */
export function reportedAnswer(line: SelfCheckLine, settings: ReplySettings, now: Date): SelfCheckAnswer {
  const status = lineStatus(line, settings);
  const action =
    line.verification_state === 'verified' && !status.nextStep
      ? `TB đã xác thực với CSDL dân cư; để sửa thông tin, đến ${settings.roadmap.verifyWhereTwoWay} (${bring(line)}).`
      : statusText(line, status, settings, now);
  const text = fit(`Đã ghi nhận thông tin TB ${number(line.msisdn, settings)} chưa đúng. ${action}`);
  return { kind: 'reported', text, msisdn: number(line.msisdn, settings), status };
}

/** The short help for anything that is not a valid request. */
export function helpAnswer(msisdn: string, settings: ReplySettings): SelfCheckAnswer {
  const text = fit(
    `Tra cứu thông tin thuê bao, nhắn gửi ${settings.shortCode}: ${KEYWORD} (chủ thuê bao), ${KEYWORD} <số CCCD> ` +
      `(các số đăng ký bằng giấy tờ đó), ${KEYWORD} ${REPORT_WORD} (báo thông tin sai).`,
  );
  return { kind: 'help', text, msisdn: number(msisdn, settings) };
}

/** True when the text is GSM-7 and fits the reply's parts. */
export function fitsInReply(text: string): boolean {
  const size = analyzeSms(text);
  return size.encoding === 'gsm7' && size.parts <= MAX_REPLY_PARTS;
}

/**
 * The GSM-7 text, cut at a word if an extreme value (a very long name) would make it exceed the
 * reply's parts: a cut reply still reaches the person, a refused one does not.
 */
function fit(text: string): string {
  let out = toGsm7Text(text);
  while (!fitsInReply(out)) {
    const cut = out.lastIndexOf(' ', out.length - 4);
    out = `${out.slice(0, cut > 0 ? cut : out.length - 4)}...`;
  }
  return out;
}
