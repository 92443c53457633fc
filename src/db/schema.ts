/**
 * Table types for Kysely. Timestamps are ISO-8601 UTC strings in the application on both
 * dialects (timestamptz in PostgreSQL, text in SQLite); JSON columns are text.
 */
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type {
  AdminUnitType,
  AttemptOutcome,
  DocumentType,
  HolderKind,
  LineClass,
  LockLevel,
  NoticeStatus,
  RequirementReason,
  SelfCheckChannel,
  Role,
  SelfCheckOutcome,
  SelfCheckRequestKind,
  CampaignMeasure,
  FigureMeasure,
  ReportColumnCode,
  TargetGroup,
  VerificationChannel,
  VerificationState,
} from '../domain/index.ts';


type Timestamp = string;
type CreatedAt = ColumnType<Timestamp, Timestamp | undefined, never>;

export interface AdminUnitTable {
  code: string;
  name: string;
  type: AdminUnitType;
  province_code: string;
}

/**
 * One table of the statistics office as loaded (src/registry/statistics): a day's figures come from
 * the version in force that day (the latest `effective_from` on or before it; ties by `loaded_at`).
 */
export interface StatisticsVersionTable {
  id: Generated<number>;
  /** Who published it and where, e.g. "Cục Thống kê tỉnh An Giang, Niên giám 2025". */
  source: string;
  /** Calendar days, YYYY-MM-DD. */
  published_on: string;
  effective_from: string;
  loaded_at: Timestamp;
  loaded_by: string;
  file_name: string;
  /** The same file twice is one version. */
  file_sha256: string;
  /** 1 for the demo's made-up figures. */
  is_demo: number;
}

/** The KPI denominators of every commune in one version. */
export interface StatisticsFigureTable {
  version_id: number;
  commune_code: string;
  population: number;
  population_14plus: number;
}

export interface CampaignTable {
  id: Generated<number>;
  code: string;
  name: string;
  province_code: string;
  legal_basis: string;
  starts_on: string;
  ends_on: string;
  created_at: CreatedAt;
  /** Weekly reports are due this many days after the week's last day, at `report_due_time` (HH:MM, Vietnam). */
  report_due_days: Generated<number>;
  report_due_time: Generated<string>;
}

/** A campaign's target (domain/campaign-targets.ts), edited by the province's admin. */
export interface CampaignTargetTable {
  id: Generated<number>;
  campaign_id: number;
  code: string;
  measure: CampaignMeasure;
  goal_share: number;
  label: string;
  carrier: string | null;
  commune_type: string | null;
  updated_at: Timestamp;
  updated_by: string;
}

export interface SubscriberTable {
  id: Generated<number>;
  msisdn: string;
  carrier: string;
  line_class: LineClass;
  holder_kind: HolderKind;
  document_type: DocumentType;
  document_number: string;
  full_name: string;
  /** canonicalName(full_name), computed at write time and indexed. */
  name_key: string;
  birth_date: string;
  birth_precision: 'day' | 'month' | 'year';
  sex: 'male' | 'female' | null;
  commune_code: string | null;
  imei: string | null;
  registered_at: Timestamp;
  verification_state: ColumnType<VerificationState, VerificationState | undefined, VerificationState>;
  verified_at: Timestamp | null;
  lock_level: ColumnType<LockLevel, LockLevel | undefined, LockLevel>;
  lock_reason: string | null;
  locked_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Timestamp, Timestamp | undefined, Timestamp>;
  /** Set when a mismatch or a handset change makes verification required: the roadmap's clock. */
  verification_required_since: Timestamp | null;
  verification_required_reason: RequirementReason | null;
  device_changed_at: Timestamp | null;
  /** When the carrier closed the line (a snapshot without it, or a row marked closed); null = active. */
  closed_at: ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null>;
  closed_reason: ColumnType<string | null, string | null | undefined, string | null>;
  /** Whether the carrier has confirmed the order that set `lock_level` (`ordered` until it does). */
  lock_state: ColumnType<LockState, LockState | undefined, LockState>;
}

export type LockState = 'ordered' | 'confirmed';


export interface TargetMembershipTable {
  id: Generated<number>;
  subscriber_id: number;
  target_group: TargetGroup;
  /** reconciliation | selfcheck | report | carrier | import */
  source: string;
  /** e.g. the mismatch kind; '' when the group needs none. */
  detail: ColumnType<string, string | undefined, string>;
  since: Timestamp;
  ended_at: Timestamp | null;
}


/** The SMS outbox. A notice is sent at most once: its idempotency key is unique. */
export interface NoticeTable {
  id: Generated<number>;
  /** null for a reply to a number that is not in the registry (self-check by SMS). */
  subscriber_id: number | null;
  msisdn: string;
  kind: string;
  idempotency_key: string;
  text: string;
  created_at: Timestamp;
  /** Not sent before this instant (quiet hours, docs/domain.md, "SMS"). */
  not_before: Timestamp;
  status: ColumnType<NoticeStatus, NoticeStatus | undefined, NoticeStatus>;
  sent_at: Timestamp | null;
  /** The carrier whose SMSC carries it; null = the carrier of the number's prefix. */
  carrier: string | null;
  /** source_addr of the submit_sm; null = the configured sender (short code 1414). */
  sender: string | null;
  submit_attempts: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  /** The SMSC's id from submit_sm_resp, matched by delivery receipts. */
  smsc_message_id: string | null;
  /** stat: of the delivery receipt (DELIVRD, UNDELIV, EXPIRED …). */
  delivery_status: string | null;
  delivered_at: Timestamp | null;
}

/** A message a phone sent to the short code, stored before it is answered. */
export interface SmsInboundTable {
  id: Generated<number>;
  carrier: string;
  source_addr: string;
  destination_addr: string;
  text: string;
  received_at: Timestamp;
  reply_notice_id: number | null;
  /** `received`, or `unreadable`: octets that are not text (text is '' then). */
  state: ColumnType<SmsInboundState, SmsInboundState | undefined, SmsInboundState>;
  /** How many octets an unreadable message came with (null for a message read as text). */
  raw_octets: number | null;
}

export type SmsInboundState = 'received' | 'unreadable';

export interface SubscriberEventTable {
  id: Generated<number>;
  subscriber_id: number;
  at: Timestamp;
  kind: string;
  from_state: string | null;
  to_state: string | null;
  actor: string;
  channel: string | null;
  reason: string | null;
  details: string | null;
}

/** A person who signs in (src/access): role and scope (JSON list of {kind, value}), argon2id hash. */
export interface UserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  role: Role;
  scope: string;
  password_hash: string;
  must_change_password: ColumnType<number, number, number>;
  password_changed_at: Timestamp | null;
  totp_secret: string | null;
  totp_enabled_at: Timestamp | null;
  created_at: Timestamp;
  created_by: string;
  disabled_at: Timestamp | null;
}

/** A signed-in session; the cookie carries the id, the table its SHA-256. */
export interface SessionTable {
  id_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  /** The absolute end, whatever the activity. */
  expires_at: Timestamp;
  ended_at: Timestamp | null;
  client_address: string | null;
}

/** A machine client's API token, stored as its SHA-256. */
export interface ApiTokenTable {
  id: Generated<number>;
  name: string;
  role: Role;
  scope: string;
  token_hash: string;
  created_at: Timestamp;
  created_by: string;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

/** Failed sign-ins per account, per client address and per pair: the growing delay's counts. */
export interface SignInFailureTable {
  key: string;
  failures: number;
  last_failure_at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor: string;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  request_id: string | null;
  details: string | null;
  /** Why the actor revealed or exported, in their words. */
  reason: string | null;
  client_address: string | null;
}

/**
 * The national-database simulator's citizens. In production this data belongs to the Ministry of
 * Public Security: only the simulator (and the demo generator that seeds it) may touch `nid_*`.
 */
export interface NidCitizenTable {
  personal_id: string;
  legacy_cmnd: string | null;
  full_name: string;
  name_key: string;
  birth_date: string;
  birth_precision: 'day' | 'month' | 'year';
  sex: 'male' | 'female';
  birth_province_code: string;
  residence_commune_code: string;
  nationality: string;
  deceased_on: string | null;
  /** Seed of the citizen's face template (a vector derived deterministically from it). */
  face_seed: number;
}

export interface DemoRunTable {
  id: Generated<number>;
  seed: number;
  lines: number;
  citizens: number;
  settings: string;
  generated_at: Timestamp;
}

/** What the demo generator planted, so detection can be checked against it. */
export interface DemoPlantedTable {
  msisdn: string;
  problem: string;
  details: string | null;
}

/**
 * How a reconciled line relates to the population record, one kind per line (the first that
 * applies, in this order of fixing): see src/verification/reconciliation.
 */
export type MismatchKind =
  | 'record_invalid'
  | 'document_unknown'
  | 'cmnd9'
  | 'other_person_id'
  | 'deceased'
  | 'name_no_diacritics'
  | 'name_typo'
  | 'birth_date_swapped'
  | 'birth_date_wrong'
  | 'ok';

/** A reconciliation pass over the lines; resumable from `cursor`. */
export interface ReconciliationRunTable {
  id: Generated<number>;
  started_at: Timestamp;
  updated_at: Timestamp;
  finished_at: Timestamp | null;
  /** Highest subscriber id already reconciled. */
  cursor: ColumnType<number, number | undefined, number>;
  checked: ColumnType<number, number | undefined, number>;
  /** JSON: lines per mismatch kind so far. */
  counts: ColumnType<string, string | undefined, string>;
  last_error: string | null;
}

/** The latest reconciliation result of a line: one row per subscriber. */
export interface ReconciliationResultTable {
  subscriber_id: number;
  /** The run whose check first gave this result (a repeat of the same result keeps it). */
  run_id: number;
  /** When that check ran. */
  found_at: Timestamp;
  mismatch_kind: MismatchKind;
  /** match | no_match | not_checked, as the national service answered. */
  document_result: string;
  name_result: string;
  birth_date_result: string;
  /** exact | same | diacritics_missing | different; null when nothing was compared. */
  name_detail: string | null;
  /** match | compatible | day_month_swapped | different; null when nothing was compared. */
  birth_date_detail: string | null;
  /** 1 when the citizen on record has died, else 0. */
  deceased: number;
}


/**
 * One verification attempt, whatever its outcome: per-field results, face score and liveness,
 * never face data. The identity claim is kept only while the attempt is pending (for the retry).
 */
export interface VerificationAttemptTable {
  id: Generated<number>;
  subscriber_id: number;
  at: Timestamp;
  channel: VerificationChannel;
  place: string | null;
  operator: string | null;
  outcome: AttemptOutcome;
  /** match | no_match | not_checked */
  document_result: string;
  name_result: string;
  birth_date_result: string;
  face_result: string;
  face_score: number | null;
  liveness_method: string | null;
  /** pass | fail | not_checked */
  liveness_result: string;
  /** 1 when the line needed the check, else 0. */
  face_required: number;
  liveness_required: number;
  /** JSON array of reason codes. */
  reasons: string;
  retry_of: number | null;
  retry_claim: string | null;
  retry_count: ColumnType<number, number | undefined, number>;
  next_retry_at: Timestamp | null;
  resolved_at: Timestamp | null;
  /**
   * When the person at a desk consented to the processing of their face template (collected by
   * `operator`); null for machine pushes, whose own app collects consent.
   */
  consent_at: Timestamp | null;
  /** The system that pushed a result verified elsewhere (role and reach); null when tttb asked. */
  source: ColumnType<string | null, string | null | undefined, string | null>;
  /** That system's own reference, unique per source: a push repeated finds its attempt. */
  external_ref: ColumnType<string | null, string | null | undefined, string | null>;
}

/** What a one-time code lets its holder do: verify the line, or open a web self-check session. */
export type OneTimeCodePurpose = 'verification' | 'selfcheck';

/**
 * A one-time code sent by SMS (src/verification/attempts/one-time-code.ts), for either purpose.
 * Only a salted hash of the code is kept.
 */
export interface OneTimeCodeTable {
  /** Random and unguessable: the handle the citizen page sends back with the code. */
  id: string;
  purpose: OneTimeCodePurpose;
  /** The number the code went to, national form. */
  msisdn: string;
  /** The registered line, when the number is one (always for verification). */
  subscriber_id: number | null;
  /** Keyed hash of the client address that asked (web self-check), never the address itself. */
  client_key: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  /** Hex SHA-256 of `salt:code`: the code itself is never stored. */
  code_hash: string;
  salt: string;
  tries: ColumnType<number, number | undefined, number>;
  max_tries: number;
  consumed_at: Timestamp | null;
}


/** One answered self-check (1414 by SMS or the citizen page), counted per commune, carrier and day. */
export interface SelfCheckTable {
  id: Generated<number>;
  at: Timestamp;
  /** Vietnam calendar day of `at`, `YYYY-MM-DD`. */
  day: string;
  channel: SelfCheckChannel;
  msisdn: string;
  carrier: string | null;
  request_kind: SelfCheckRequestKind;
  outcome: SelfCheckOutcome;
  subscriber_id: number | null;
  commune_code: string | null;
  /** For a report: the fields said to be wrong, comma-separated (names, never values). */
  detail: string | null;
}

/**
 * One admitted verification request (src/verification/attempts/verification.admission.ts): what
 * the per-line and per-client limits count. Kept only as long as the longest window.
 */
export interface VerificationRequestTable {
  id: Generated<number>;
  at: Timestamp;
  /** The client address the request came from. */
  client: string;
  /** Null for a number outside the registry (still counted for the client). */
  subscriber_id: number | null;
  /** 1 for a desk (staff see the person and the card), 0 for online, apps, door-to-door. */
  attended: number;
}

/** The one row saying what this database is for (src/deployment). */
export interface DeploymentTable {
  id: number;
  mode: DeploymentMode;
  created_at: Timestamp;
  /** Demo only: the demo's "now" when it was last set, and the wall-clock instant it was set at. */
  demo_now: Timestamp | null;
  demo_now_set_at: Timestamp | null;
}

export type DeploymentMode = 'demo' | 'production';

export type ImportState = 'staging' | 'staged' | 'applied' | 'refused' | 'needs_confirmation' | 'dry_run';
export type ImportMode = 'snapshot' | 'delta';
export type ImportPolicy = 'all_or_nothing' | 'valid_rows';

/** A subscriber file loaded or tried (src/registry/import, docs/imports.md). */
export interface ImportTable {
  id: Generated<number>;
  kind: 'subscribers';
  carrier: string;
  mode: ImportMode;
  policy: ImportPolicy;
  file_name: string;
  file_sha256: string;
  file_bytes: number;
  format: string;
  encoding: string | null;
  actor: string;
  state: ImportState;
  started_at: Timestamp;
  finished_at: Timestamp | null;
  /** The last data row read and staged: where an interrupted run resumes. */
  rows_read: ColumnType<number, number | undefined, number>;
  rows_staged: ColumnType<number, number | undefined, number>;
  rows_rejected: ColumnType<number, number | undefined, number>;
  rows_warned: ColumnType<number, number | undefined, number>;
  lines_added: ColumnType<number, number | undefined, number>;
  lines_changed: ColumnType<number, number | undefined, number>;
  lines_unchanged: ColumnType<number, number | undefined, number>;
  lines_closed: ColumnType<number, number | undefined, number>;
  lines_ported_in: ColumnType<number, number | undefined, number>;
  conflicts: ColumnType<number, number | undefined, number>;
  /** Why a run was refused or stopped (a code of the catalogue), null when it was applied. */
  outcome_code: string | null;
}

/** A valid row of a file, staged before it is applied. */
export interface ImportRowTable {
  import_id: number;
  row: number;
  msisdn: string;
  line_class: LineClass;
  holder_kind: HolderKind;
  document_type: DocumentType;
  document_number: string;
  full_name: string;
  name_key: string;
  birth_date: string;
  birth_precision: 'day' | 'month' | 'year';
  sex: 'male' | 'female' | null;
  commune_code: string | null;
  imei: string | null;
  registered_at: Timestamp;
  verified_at: Timestamp | null;
  closed: number;
  ported_in: number;
}

/** A rejected row or a warning, by row and column: the report the carrier downloads. */
export interface ImportProblemTable {
  import_id: number;
  row: number;
  column_name: string | null;
  msisdn: string | null;
  severity: 'error' | 'warning';
  code: string;
  message: string;
}

/** An event a carrier's system reported about one of its lines (src/carriers), by its reference. */
export interface CarrierEventTable {
  id: Generated<number>;
  /** The reporting system: its role and reach (as for pushed verification results). */
  source: string;
  reference: string;
  subscriber_id: number;
  kind: string;
  at: Timestamp;
  received_at: Timestamp;
  /** How it was applied: applied | superseded (recorded; a later event of the line already decided). */
  status: string;
}

/** An order to a carrier's network: lock, terminate or unlock a line (src/carriers), and its confirmation. */
export interface LockOrderTable {
  id: Generated<number>;
  subscriber_id: number;
  carrier: string;
  action: LockOrderAction;
  reason: string | null;
  /** The instant the step became due: the 2-hour rule runs from here to `confirmed_at`. */
  due_at: Timestamp;
  ordered_at: Timestamp;
  confirmed_at: Timestamp | null;
  confirmed_by: string | null;
}

export type WeeklyReportStatus = 'submitted' | 'superseded' | 'accepted' | 'returned';
export type WeeklyReportSource = 'api' | 'xlsx' | 'draft';

/** One revision of a carrier's weekly report (src/reports): written once; only its review is added. */
export interface WeeklyReportTable {
  id: Generated<number>;
  campaign_id: number;
  carrier: string;
  week: number;
  revision: number;
  status: WeeklyReportStatus;
  source: WeeklyReportSource;
  submitted_at: Timestamp;
  submitted_by: string;
  /** The week's deadline when this revision came in. */
  due_at: Timestamp;
  /** Why an accepted report is corrected (a revision after an accepted one). */
  correction_reason: string | null;
  reviewed_at: Timestamp | null;
  reviewed_by: string | null;
  review_comment: string | null;
}

/** One commune's figures of a revision (domain/weekly-report.ts, REPORT_COLUMNS). */
export type WeeklyReportRowTable = { id: Generated<number>; report_id: number; commune_code: string; comment: string | null } & Record<ReportColumnCode, number>;

/**
 * The live figures (db/line-figures.ts): per Vietnam day, commune ('' when none is on record),
 * carrier and measure, the change of a stock or the count of a flow that day.
 */
export interface FiguresDailyTable {
  day: string;
  commune_code: string;
  carrier: string;
  measure: FigureMeasure;
  n: number;
}

/** The sum of every day's figures: the stocks now, the flows to date. */
export interface FiguresTotalTable {
  commune_code: string;
  carrier: string;
  measure: FigureMeasure;
  n: number;
}

export type LockOrderAction = 'one_way' | 'two_way' | 'terminate' | 'unlock';

export interface DB {
  imports: ImportTable;
  lock_orders: LockOrderTable;
  carrier_events: CarrierEventTable;
  import_rows: ImportRowTable;
  import_problems: ImportProblemTable;
  admin_units: AdminUnitTable;
  statistics_versions: StatisticsVersionTable;
  statistics_figures: StatisticsFigureTable;
  campaigns: CampaignTable;
  campaign_targets: CampaignTargetTable;
  subscribers: SubscriberTable;
  subscriber_events: SubscriberEventTable;
  users: UserTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  sign_in_failures: SignInFailureTable;
  audit_log: AuditLogTable;
  nid_citizens: NidCitizenTable;
  demo_runs: DemoRunTable;
  demo_planted: DemoPlantedTable;
  target_memberships: TargetMembershipTable;
  notices: NoticeTable;
  sms_inbound: SmsInboundTable;
  reconciliation_runs: ReconciliationRunTable;
  reconciliation_results: ReconciliationResultTable;
  verification_attempts: VerificationAttemptTable;
  self_checks: SelfCheckTable;
  verification_requests: VerificationRequestTable;
  one_time_codes: OneTimeCodeTable;
  deployment: DeploymentTable;
  figures_daily: FiguresDailyTable;
  figures_total: FiguresTotalTable;
  weekly_reports: WeeklyReportTable;
  weekly_report_rows: WeeklyReportRowTable;
}

export type Subscriber = Selectable<SubscriberTable>;
export type NewSubscriber = Insertable<SubscriberTable>;
