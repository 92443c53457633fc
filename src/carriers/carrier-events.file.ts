/**
 * Carriers' events from a file (CSV or xlsx, docs/imports.md "Carriers' events"): each row one
 * event, checked as the API checks a batch's event, then recorded through the same service, a
 * thousand at a time. A notice list is such a file with only the number and the day asked: the kind
 * defaults to `notice_sent` and the reference to one made of the row's kind, number and time, so
 * loading the same list twice changes nothing. A row that cannot be read or is refused is reported
 * by its row number, column, code and message; the other rows are recorded (each event stands on
 * its own, and its reference makes a corrected file safe to load again).
 */
import { CARRIERS } from '../domain/index.ts';
import { parseInstant } from '../domain/instant-text.ts';
import { AppError } from '../errors.ts';
import { headerLayout, headerProblem, openTable, SUBSCRIBER_FILE_COLUMNS, wordKey, type HeaderLayout } from '../registry/index.ts';
import { CARRIER_EVENT_KINDS, carrierEvent, MAX_CARRIER_EVENTS, type CarrierEvent, type CarrierEventAnswer, type CarrierEventKind } from './carrier-events.schema.ts';
import { recordCarrierEvents, type CarrierEventsDeps, type Reporter } from './carrier-events.service.ts';

const HOLDER_COLUMNS = ['holder_kind', 'document_type', 'document_number', 'full_name', 'birth_date', 'birth_precision', 'sex', 'commune_code'] as const;

/** The columns of an events file: its own, then the new holder's, as the subscriber file names them. */
export const CARRIER_EVENT_FILE_COLUMNS = [
  { code: 'reference', label: 'Mã tham chiếu', required: false },
  { code: 'msisdn', label: 'Số thuê bao', required: true },
  { code: 'kind', label: 'Loại sự kiện', required: false },
  { code: 'at', label: 'Thời điểm', required: true },
  { code: 'imei', label: 'IMEI', required: false },
  { code: 'to_carrier', label: 'Nhà mạng nhận số', required: false },
  ...SUBSCRIBER_FILE_COLUMNS.filter((c) => (HOLDER_COLUMNS as readonly string[]).includes(c.code)).map((c) => ({ code: c.code, label: c.label, required: false })),
] as const;

type EventColumn = (typeof CARRIER_EVENT_FILE_COLUMNS)[number]['code'];

/** Where an events file's header puts each column. */
export const layoutEvents = headerLayout<EventColumn>(CARRIER_EVENT_FILE_COLUMNS);

/** The kinds as files write them: the code, or its Vietnamese words. */
const KIND_WORDS: Readonly<Record<string, CarrierEventKind>> = {
  ...Object.fromEntries(CARRIER_EVENT_KINDS.map((k) => [k, k])),
  nhan_tin_chuan_hoa: 'notice_sent',
  yeu_cau_chuan_hoa: 'notice_sent',
  doi_may: 'device_changed',
  dong: 'line_closed',
  dong_thue_bao: 'line_closed',
  chuyen_chu: 'holder_transferred',
  chuyen_quyen_su_dung: 'holder_transferred',
  chuyen_mang_di: 'ported_out',
};

export interface EventFileProblem {
  row: number;
  column: EventColumn | null;
  code: string;
  message: string;
}

export interface EventFileReport {
  rowsRead: number;
  /** Rows recorded, by how: applied, unchanged, superseded, duplicate. */
  recorded: Record<Exclude<CarrierEventAnswer['status'], 'refused'>, number>;
  /** Rows not recorded: unreadable, invalid or refused; each in `problems`. */
  skipped: number;
  problems: EventFileProblem[];
}

/**
 * Reads an events file and records its events for `reporter`.
 * @throws TableFileError the file cannot be read at all; AppError CARRIER_EVENTS_FILE_COLUMNS
 */
export async function recordCarrierEventsFile(deps: CarrierEventsDeps, reporter: Reporter, path: string): Promise<EventFileReport> {
  const table = await openTable(path);
  try {
    const layout = layoutEvents(table.header);
    if (layout.missing.length > 0 || layout.duplicated.length > 0) {
      throw new AppError('CARRIER_EVENTS_FILE_COLUMNS', headerProblem(layout, CARRIER_EVENT_FILE_COLUMNS));
    }
    const report: EventFileReport = { rowsRead: 0, recorded: { applied: 0, unchanged: 0, superseded: 0, duplicate: 0 }, skipped: 0, problems: [] };
    const skip = (problem: EventFileProblem) => {
      report.skipped += 1;
      report.problems.push(problem);
    };
    let batch: { row: number; event: CarrierEvent }[] = [];
    const flush = async () => {
      const answers = await recordCarrierEvents(deps, reporter, batch.map((b) => b.event));
      answers.forEach((answer, i) => {
        const row = batch[i]?.row ?? 0;
        if (answer.status !== 'refused') report.recorded[answer.status] += 1;
        else skip({ row, column: columnOfRefusal(answer), code: answer.error?.code ?? 'REFUSED', message: answer.error?.message ?? '' });
      });
      batch = [];
    };
    for await (const item of table.rows()) {
      report.rowsRead += 1;
      if (item.kind === 'broken') {
        skip({ row: item.problem.row, column: null, code: item.problem.code, message: item.problem.message });
        continue;
      }
      const read = eventOfRow(item.row.values, layout);
      if ('problem' in read) skip({ row: item.row.row, ...read.problem });
      else batch.push({ row: item.row.row, event: read.event });
      if (batch.length === MAX_CARRIER_EVENTS) await flush();
    }
    if (batch.length > 0) await flush();
    // Refusals come back a batch after the rows read wrong: the report is in the file's order.
    report.problems.sort((a, b) => a.row - b.row);
    return report;
  } finally {
    await table.close();
  }
}

/** One row as the event the API would take, or the first problem that keeps it out. */
export function eventOfRow(values: readonly string[], layout: HeaderLayout<EventColumn>): { event: CarrierEvent } | { problem: Omit<EventFileProblem, 'row'> } {
  const cell = (column: EventColumn) => {
    const at = layout.index[column];
    return at === undefined ? '' : (values[at] ?? '').trim();
  };
  const kindText = cell('kind');
  const kind = kindText === '' ? 'notice_sent' : KIND_WORDS[wordKey(kindText)];
  if (kind === undefined) {
    return { problem: { column: 'kind', code: 'EVENT_KIND_INVALID', message: `Loại sự kiện phải là một trong: ${CARRIER_EVENT_KINDS.join(', ')}.` } };
  }
  const instant = parseInstant(cell('at'));
  if (!instant.ok) return { problem: { column: 'at', code: 'EVENT_AT_INVALID', message: 'Không đọc được thời điểm; hãy ghi dạng yyyy-mm-ddThh:mm:ssZ hoặc dd/mm/yyyy hh:mm (giờ Việt Nam).' } };
  const toCarrier = wordKey(cell('to_carrier'));
  if (kind === 'ported_out' && !(CARRIERS as readonly string[]).includes(toCarrier)) {
    return { problem: { column: 'to_carrier', code: 'EVENT_CARRIER_INVALID', message: `Nhà mạng nhận số phải là một trong: ${CARRIERS.join(', ')}.` } };
  }
  const holder: Record<string, string> = Object.fromEntries(HOLDER_COLUMNS.map((c): [string, string] => [c, cell(c)]).filter(([, v]) => v !== ''));
  const candidate = {
    reference: cell('reference') || `${kind}:${cell('msisdn')}:${instant.iso}`,
    msisdn: cell('msisdn'),
    kind,
    at: instant.iso,
    ...(kind === 'device_changed' ? { imei: cell('imei') } : {}),
    ...(kind === 'ported_out' ? { toCarrier } : {}),
    ...(kind === 'holder_transferred' ? { holder: { holder_kind: '', document_type: '', document_number: '', full_name: '', birth_date: '', ...holder } } : {}),
  };
  const parsed = carrierEvent.safeParse(candidate);
  if (parsed.success) return { event: parsed.data };
  const issue = parsed.error.issues[0];
  const column = (issue?.path.at(-1) === 'toCarrier' ? 'to_carrier' : String(issue?.path.at(-1) ?? '')) as EventColumn;
  const known = CARRIER_EVENT_FILE_COLUMNS.some((c) => c.code === column);
  if (column === 'imei') return { problem: { column, code: 'EVENT_IMEI_INVALID', message: 'IMEI phải có 15 chữ số, chữ số cuối đúng chữ số kiểm tra.' } };
  return { problem: { column: known ? column : null, code: 'EVENT_VALUE_INVALID', message: `Giá trị không hợp lệ ở cột ${known ? column : 'không rõ'}.` } };
}

/** The column a refusal names: a new holder's field, the number, or the time. */
function columnOfRefusal(answer: CarrierEventAnswer): EventColumn | null {
  const field = answer.error?.fields?.[0]?.field.replace(/^holder\./, '');
  if (field && CARRIER_EVENT_FILE_COLUMNS.some((c) => c.code === field)) return field as EventColumn;
  const code = answer.error?.code ?? '';
  if (code === 'MSISDN_INVALID' || code === 'SUBSCRIBER_NOT_FOUND') return 'msisdn';
  if (code.startsWith('EVENT_IN') || code === 'EVENT_BEFORE_REGISTRATION' || code === 'LINE_CLOSED') return 'at';
  return null;
}
