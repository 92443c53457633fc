/** Pure domain rules of tttb: identifiers, names, old addresses, birth dates and SMS text. No I/O. */
export {
  ADMIN_UNIT_TYPES,
  CARRIERS,
  isAdminUnitType,
  isCarrier,
  isOldProvince,
  OLD_COMMUNE_TYPE_WORDS,
  OLD_DISTRICT_TYPE_WORDS,
  OLD_PROVINCES,
  type AdminUnit,
  type AdminUnitType,
  type Carrier,
  type CarrierPrefix,
  type OldProvince,
  type OldUnit,
  type PrefixConfidence,
  type ReferenceData,
} from './reference-data.ts';
export {
  describeOldAddressProblem,
  indexOldUnits,
  OLD_ADDRESS_REASONS,
  resolveOldAddress,
  type IndexedOldUnit,
  type OldAddress,
  type OldAddressProblem,
  type OldAddressReason,
  type OldAddressResolution,
  type OldUnitIndex,
} from './old-address.ts';
export { indexCommuneNames, resolveCommuneName, type CommuneNameIndex, type CommuneNameResolution } from './commune-name.ts';
export {
  checkDocumentNumber,
  composePersonalId,
  ID_REASON_MESSAGES_VI,
  type DocumentCheck,
  type DocumentCheckOptions,
  type DocumentKind,
  type IdReason,
  type PersonalIdParts,
  type Sex,
} from './personal-id.ts';
export {
  maskMsisdn,
  MSISDN_REASON_MESSAGES_VI,
  MSISDN_SOURCE_NOTES_VI,
  normalizeMsisdn,
  type MsisdnReason,
  type MsisdnResult,
} from './msisdn.ts';
export { canonicalName, tidyName, compareNames, hasLostDiacriticsOf, stripDiacritics, type NameComparison } from './person-name.ts';
export {
  ageOn,
  BIRTH_DATE_REASON_MESSAGES_VI,
  birthDateFromIso,
  compareBirthDates,
  formatBirthDate,
  parseBirthDate,
  type BirthDate,
  type BirthDateComparison,
  type BirthDateParse,
  type BirthDateReason,
} from './birth-date.ts';
export { analyzeSms, splitSms, toGsm7Text, type SmsAnalysis, type SmsParts } from './sms-text.ts';
export { DEFAULT_SEND_WINDOW, nextSendInstant, type SendWindow } from './send-window.ts';
export { foldFullWidth, removeDigitSeparators } from './text-noise.ts';
export { formatCalendarDay, parseCalendarDay, vietnamCalendarDate, vietnamDay, type CalendarDate } from './calendar.ts';
export {
  campaignDate,
  campaignDay,
  campaignOfToday,
  campaignWeekOf,
  campaignWeeks,
  daysFrom,
  shiftDay,
  CAMPAIGN_PHASES,
  type CampaignDates,
  type CampaignDay,
  type CampaignPhase,
  type CampaignWeek,
} from './campaign-day.ts';
export * from './vocabulary.ts';
export * from './access.ts';
export { isReportedInFuture } from './reported-time.ts';
export {
  CAMPAIGN_MEASURES,
  LINE_MEASURES,
  STANDARD_CAMPAIGN_TARGETS,
  TARGET_CODE_PATTERN,
  type CampaignMeasure,
  type CampaignTarget,
} from './campaign-targets.ts';
export {
  FLOW_MEASURES,
  isStockMeasure,
  NO_COMMUNE,
  STOCK_MEASURES,
  verifiedVia,
  type FigureMeasure,
  type FlowMeasure,
  type StockMeasure,
} from './figures.ts';
export { dailyYield, MAX_DAYS_AHEAD, projectPlace, projectTogether, type ChannelYield, type ExtraDays, type PaceBasis, type PlaceProjection } from './pace.ts';
export {
  checkReportFigures,
  DEFAULT_REPORT_DEADLINE,
  REPORT_COLUMN_CODES,
  REPORT_COLUMNS,
  REPORT_DEADLINE_TIME,
  REPORT_RULES,
  reportColumnLabel,
  reportDueAt,
  reportTimeliness,
  type ReportColumnCode,
  type ReportDeadline,
  type ReportFigures,
  type ReportFinding,
  type ReportRule,
  type ReportTimeliness,
} from './weekly-report.ts';
