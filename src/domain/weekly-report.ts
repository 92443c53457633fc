/**
 * A carrier's weekly report (docs/reports.md): its columns per commune, the rules that check it —
 * kept as data, so a rule is one entry, not a branch — and its deadline. Pure: the service reads
 * the registry's figures and the stored reports, this decides what they say.
 */
import { formatCalendarDay, parseCalendarDay, vietnamCalendarDate } from './calendar.ts';
import { shiftDay } from './campaign-day.ts';
import { VERIFICATION_CHANNELS } from './vocabulary.ts';

/** The registry's figure a column is compared with: a stock at the week's end, or a flow summed over the week. */
export type RegistrySource = { stock: string } | { flows: readonly string[] } | null;

export interface ReportColumn {
  code: string;
  /** The Vietnamese name, the template's second header row and every message's. */
  label: string;
  /** What to count, in Vietnamese (the template's instructions sheet, docs/reports.md). */
  help: string;
  registry: RegistrySource;
}

const VERIFICATION_FLOWS = VERIFICATION_CHANNELS.map((c) => `verified_${c}`);

/** The report's figures, in the template's order; each a whole number ≥ 0 per commune. */
export const REPORT_COLUMNS = [
  { code: 'target_lines', label: 'Thuê bao đối tượng cuối tuần', help: 'Thuê bao H2H đang hoạt động thuộc ít nhất một nhóm đối tượng vào cuối tuần, mỗi thuê bao tính một lần dù thuộc nhiều nhóm.', registry: { stock: 'target' } },
  { code: 'target_cmnd9', label: 'Nhóm CMND 9 số', help: 'Trong đó: thuê bao đăng ký bằng CMND 9 số (một thuê bao có thể ở nhiều nhóm).', registry: { stock: 'target_cmnd9' } },
  { code: 'target_carrier_notice', label: 'Nhóm nhà mạng thông báo', help: 'Trong đó: thuê bao nhà mạng đã thông báo chuẩn hoá.', registry: { stock: 'target_carrier_notice' } },
  { code: 'target_mismatch', label: 'Nhóm chưa trùng khớp', help: 'Trong đó: thuê bao chưa trùng khớp với Cơ sở dữ liệu quốc gia về dân cư.', registry: { stock: 'target_mismatch' } },
  { code: 'target_verified', label: 'Thuê bao đối tượng đã xác thực đến nay', help: 'Thuê bao đối tượng đã xác thực đủ bốn trường thông tin, tính đến cuối tuần.', registry: { stock: 'target_verified' } },
  { code: 'verifications_week', label: 'Lượt xác thực trong tuần', help: 'Lượt xác thực đủ bốn trường thông tin trong tuần, mọi kênh, mọi thuê bao H2H.', registry: { flows: VERIFICATION_FLOWS } },
  { code: 'locked_one_way', label: 'Khoá một chiều đến nay', help: 'Thuê bao đang bị khoá một chiều theo lộ trình của chiến dịch (không tính khoá vì lý do khác).', registry: { stock: 'locked_one_way' } },
  { code: 'locked_two_way', label: 'Khoá hai chiều đến nay', help: 'Thuê bao đang bị khoá hai chiều theo lộ trình của chiến dịch.', registry: { stock: 'locked_two_way' } },
  { code: 'terminated', label: 'Chấm dứt hợp đồng đến nay', help: 'Thuê bao đã chấm dứt hợp đồng theo lộ trình của chiến dịch.', registry: { stock: 'terminated' } },
  { code: 'unlocked_week', label: 'Mở khoá trong tuần', help: 'Lượt mở khoá trong tuần sau khi thuê bao đã xác thực.', registry: { flows: ['unlocked'] } },
  { code: 'selfchecks_week', label: 'Lượt tự kiểm tra trong tuần', help: 'Lượt tự kiểm tra thông tin thuê bao (tin nhắn TTTB gửi 1414, trang web) trong tuần.', registry: { flows: ['selfchecks'] } },
  { code: 'notices_sent_week', label: 'Tin nhắn thông báo đã gửi trong tuần', help: 'Tin nhắn thông báo đã gửi tới thuê bao trong tuần.', registry: { flows: ['notices_sent'] } },
  { code: 'notices_delivered_week', label: 'Tin nhắn thông báo đã đến máy trong tuần', help: 'Tin nhắn thông báo có báo đã đến máy trong tuần.', registry: { flows: ['notices_delivered'] } },
  { code: 'certified_week', label: 'Người từ 14 tuổi được cấp chứng thư trong tuần', help: 'Số người từ đủ 14 tuổi được cấp chứng thư chữ ký số công cộng trong tuần (mỗi người một lần).', registry: null },
  { code: 'certified_to_date', label: 'Người từ 14 tuổi được cấp chứng thư đến nay', help: 'Số người từ đủ 14 tuổi đã được cấp chứng thư chữ ký số công cộng, tính đến cuối tuần.', registry: null },
] as const satisfies readonly ReportColumn[];

export type ReportColumnCode = (typeof REPORT_COLUMNS)[number]['code'];
export const REPORT_COLUMN_CODES: ReportColumnCode[] = REPORT_COLUMNS.map((c) => c.code);

export function reportColumnLabel(code: string): string {
  return REPORT_COLUMNS.find((c) => c.code === code)?.label ?? code;
}

/** One commune's figures as reported. */
export type ReportFigures = Record<ReportColumnCode, number>;

/**
 * A rule of the report. `at_most`: `column` may not exceed the sum of `bound`. `deviation`: a
 * figure further from the registry's than `share` of it (and by more than `minDifference`, so a
 * commune of a handful of lines is not flagged for one) is a warning. An error refuses the report;
 * a warning is accepted once the row carries a comment saying why.
 */
export type ReportRule =
  | { code: string; kind: 'at_most'; severity: 'error' | 'warning'; column: ReportColumnCode; bound: readonly ReportColumnCode[]; message: string }
  | { code: string; kind: 'deviation'; severity: 'warning'; share: number; minDifference: number; message: string };

const TARGET_GROUP_COLUMNS = ['target_cmnd9', 'target_carrier_notice', 'target_mismatch'] as const;

export const REPORT_RULES: readonly ReportRule[] = [
  { code: 'REPORT_VERIFIED_ABOVE_TARGET', kind: 'at_most', severity: 'error', column: 'target_verified', bound: ['target_lines'], message: 'Thuê bao đối tượng đã xác thực nhiều hơn thuê bao đối tượng.' },
  ...TARGET_GROUP_COLUMNS.map((group) => ({
    code: 'REPORT_GROUP_ABOVE_TARGET',
    kind: 'at_most' as const,
    severity: 'error' as const,
    column: group,
    bound: ['target_lines'] as const,
    message: 'Một nhóm đối tượng nhiều hơn tổng thuê bao đối tượng (tổng tính mỗi thuê bao một lần).',
  })),
  { code: 'REPORT_TARGET_ABOVE_GROUPS', kind: 'at_most', severity: 'error', column: 'target_lines', bound: TARGET_GROUP_COLUMNS, message: 'Thuê bao đối tượng nhiều hơn tổng ba nhóm: mỗi thuê bao đối tượng thuộc ít nhất một nhóm.' },
  { code: 'REPORT_CERTIFIED_WEEK_ABOVE_TO_DATE', kind: 'at_most', severity: 'error', column: 'certified_week', bound: ['certified_to_date'], message: 'Số người được cấp chứng thư trong tuần nhiều hơn số đến nay.' },
  { code: 'REPORT_DELIVERED_ABOVE_SENT', kind: 'at_most', severity: 'warning', column: 'notices_delivered_week', bound: ['notices_sent_week'], message: 'Tin nhắn đã đến máy nhiều hơn tin đã gửi trong tuần (có thể do tin tuần trước): cần ghi chú.' },
  { code: 'REPORT_DEVIATES_FROM_REGISTRY', kind: 'deviation', severity: 'warning', share: 0.05, minDifference: 5, message: 'Lệch với số liệu của hệ thống tttb quá 5%: cần ghi chú lý do.' },
];

/** What a rule found in one row: its column, the severity, and the registry's figure where compared. */
export interface ReportFinding {
  communeCode: string;
  column: ReportColumnCode;
  severity: 'error' | 'warning';
  code: string;
  message: string;
  registry?: number;
}

/** Every rule applied to one commune's figures, with the registry's where tttb counts them. */
export function checkReportFigures(
  communeCode: string,
  figures: ReportFigures,
  registry: Partial<ReportFigures> | undefined,
  rules: readonly ReportRule[] = REPORT_RULES,
): ReportFinding[] {
  const findings: ReportFinding[] = [];
  for (const rule of rules) {
    if (rule.kind === 'at_most') {
      const bound = rule.bound.reduce((sum, c) => sum + figures[c], 0);
      if (figures[rule.column] > bound) findings.push({ communeCode, column: rule.column, severity: rule.severity, code: rule.code, message: rule.message });
      continue;
    }
    for (const column of REPORT_COLUMN_CODES) {
      const expected = registry?.[column];
      if (expected === undefined) continue;
      const difference = Math.abs(figures[column] - expected);
      if (difference > rule.minDifference && difference > rule.share * expected) {
        findings.push({ communeCode, column, severity: rule.severity, code: rule.code, message: `${rule.message} (tttb: ${expected})`, registry: expected });
      }
    }
  }
  return findings;
}

/** When a week's report is due: `daysAfter` days after the week's last day, at `time` in Vietnam. */
export interface ReportDeadline {
  daysAfter: number;
  /** HH:MM, Vietnam time. */
  time: string;
}

export const DEFAULT_REPORT_DEADLINE: ReportDeadline = { daysAfter: 1, time: '17:00' };
export const REPORT_DEADLINE_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The instant a week ending on `weekEndsOn` (YYYY-MM-DD) is due, as ISO-8601 UTC. Vietnam is UTC+7 all year. */
export function reportDueAt(weekEndsOn: string, deadline: ReportDeadline): string {
  const end = parseCalendarDay(weekEndsOn);
  if (!end || !REPORT_DEADLINE_TIME.test(deadline.time)) throw new Error(`bad report deadline: ${weekEndsOn} ${deadline.time}`);
  const day = shiftDay(end, deadline.daysAfter);
  return new Date(`${day}T${deadline.time}:00+07:00`).toISOString();
}

/** Where a carrier's week stands: not ended yet, ended and not yet due, received (on time or late), or missing past its deadline. */
export type ReportTimeliness = 'not_ended' | 'awaiting' | 'on_time' | 'late' | 'missing';

export function reportTimeliness(weekEndsOn: string, dueAt: string, firstSubmittedAt: string | null, now: Date): ReportTimeliness {
  if (firstSubmittedAt !== null) return firstSubmittedAt <= dueAt ? 'on_time' : 'late';
  if (formatCalendarDay(vietnamCalendarDate(now)) <= weekEndsOn) return 'not_ended';
  return now.toISOString() <= dueAt ? 'awaiting' : 'missing';
}
