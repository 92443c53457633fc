/**
 * The campaign's closed lists, each once: the zod schemas of the API, the TypeScript types and
 * the table types are all made from these arrays, so a new value is added in one place.
 */

/** A subscription's class: person-to-person (H2H) or machine/IoT (non-H2H). */
export const LINE_CLASSES = ['h2h', 'non_h2h'] as const;
export type LineClass = (typeof LINE_CLASSES)[number];

/** Who holds a line. */
export const HOLDER_KINDS = ['citizen', 'foreigner', 'organisation'] as const;
export type HolderKind = (typeof HOLDER_KINDS)[number];

/** The document a line is registered under. */
export const DOCUMENT_TYPES = ['personal_id', 'cmnd9', 'passport'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** A line's verification state; `pending` while the national service has not answered. */
export const VERIFICATION_STATES = ['unverified', 'pending', 'verified'] as const;
export type VerificationState = (typeof VERIFICATION_STATES)[number];

/** How far a line is locked; the roadmap's steps are the levels above `none`. */
export const LOCK_LEVELS = ['none', 'one_way', 'two_way', 'terminated'] as const;
export type LockLevel = (typeof LOCK_LEVELS)[number];
export const LOCK_STEPS = ['one_way', 'two_way', 'terminated'] as const satisfies readonly LockLevel[];
export type LockStep = (typeof LOCK_STEPS)[number];

/** Why a line must be verified (again): a detected mismatch or a new handset (docs/domain.md). */
export const REQUIREMENT_REASONS = ['mismatch', 'device_change'] as const;
export type RequirementReason = (typeof REQUIREMENT_REASONS)[number];

/** The campaign's target groups (docs/domain.md). */
export const TARGET_GROUPS = ['cmnd9', 'carrier_notice', 'mismatch'] as const;
export type TargetGroup = (typeof TARGET_GROUPS)[number];

/** Where a person verified (docs/domain.md). */
export const VERIFICATION_CHANNELS = [
  'vneid',
  'carrier_app',
  'carrier_store',
  'mobile_point',
  'commune_point',
  'agency_session',
  'door_to_door',
] as const;
export type VerificationChannel = (typeof VERIFICATION_CHANNELS)[number];

/** The channels as staff and the people they serve name them (screens, messages). */
export const CHANNEL_NAMES_VI: Readonly<Record<VerificationChannel, string>> = {
  vneid: 'VNeID',
  carrier_app: 'ứng dụng của nhà mạng',
  carrier_store: 'cửa hàng nhà mạng',
  mobile_point: 'điểm hỗ trợ lưu động',
  commune_point: 'điểm xác thực của xã, phường',
  agency_session: 'buổi xác thực tại cơ quan, đơn vị',
  door_to_door: 'tổ công nghệ số cộng đồng (đến từng nhà)',
};

/** How a verification attempt ended. */
export const ATTEMPT_OUTCOMES = ['verified', 'rejected', 'pending', 'otp_required', 'face_redo_required'] as const;
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];

/** One field's result from the national service. */
export const FIELD_RESULTS = ['match', 'no_match', 'not_checked'] as const;
export type FieldResult = (typeof FIELD_RESULTS)[number];

/** How a face was captured, as the capture device states it. */
export const LIVENESS_METHODS = ['passive', 'active'] as const;
export const PRESENTATIONS = ['live', 'photo', 'video', 'mask'] as const;
export type Presentation = (typeof PRESENTATIONS)[number];
/** Who stands in front of a demo desk's simulated camera: the person, someone else, or a printed photo of the person. */
export const SIMULATED_STAND_INS = ['person', 'someone_else', 'printed_photo'] as const;
export type SimulatedStandIn = (typeof SIMULATED_STAND_INS)[number];

/** Two names compared (person-name.ts). */
export const NAME_COMPARISONS = ['exact', 'same', 'diacritics_missing', 'different'] as const;
export type NameComparison = (typeof NAME_COMPARISONS)[number];

/** Two birth dates compared (birth-date.ts). */
export const BIRTH_DATE_COMPARISONS = ['match', 'compatible', 'day_month_swapped', 'different'] as const;
export type BirthDateComparison = (typeof BIRTH_DATE_COMPARISONS)[number];

/** How much of a birth date is known. */
export const DATE_PRECISIONS = ['day', 'month', 'year'] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

/**
 * Which of the two sources know a mobile number (msisdn.ts): tttb's prefix table, the national
 * numbering plan as libphonenumber-js knows it, or both. One source alone asks for the carrier's word.
 */
export const MSISDN_KNOWN_BY = ['both', 'carrier_table', 'numbering_plan'] as const;
export type MsisdnKnownBy = (typeof MSISDN_KNOWN_BY)[number];

/** The two kinds of personal number a CCCD/CMND check tells apart. */
export const PERSONAL_DOCUMENT_KINDS = ['personal_id', 'cmnd9'] as const;
export type PersonalDocumentKind = (typeof PERSONAL_DOCUMENT_KINDS)[number];

export const SEXES = ['male', 'female'] as const;
export type Sex = (typeof SEXES)[number];

/** An SMS's alphabet. */
export const SMS_ENCODINGS = ['gsm7', 'ucs2'] as const;
export type SmsEncoding = (typeof SMS_ENCODINGS)[number];

/** A notice's life in the outbox. */
export const NOTICE_STATUSES = ['queued', 'sent', 'failed', 'cancelled'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

/** Self-checks: where from, what was asked, how it was answered. */
export const SELFCHECK_CHANNELS = ['sms', 'web'] as const;
export type SelfCheckChannel = (typeof SELFCHECK_CHANNELS)[number];
export const SELFCHECK_REQUEST_KINDS = ['owner', 'lines', 'report', 'invalid'] as const;
export type SelfCheckRequestKind = (typeof SELFCHECK_REQUEST_KINDS)[number];
export const SELFCHECK_OUTCOMES = ['shown', 'not_registered', 'not_held', 'reported', 'help'] as const;
export type SelfCheckOutcome = (typeof SELFCHECK_OUTCOMES)[number];
