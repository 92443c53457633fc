import type { Migration } from 'kysely';
import { foundation } from './0001_foundation.ts';
import { campaignState } from './0002_campaign_state.ts';
import { reconciliation } from './0003_reconciliation.ts';
import { verificationAttempts } from './0004_verification_attempts.ts';
import { roadmap } from './0005_roadmap.ts';
import { smsGateway } from './0006_sms_gateway.ts';
import { selfCheck } from './0007_selfcheck.ts';
import { verificationLimits } from './0008_verification_limits.ts';
import { oneTimeCodes } from './0009_one_time_codes.ts';
import { smsUnreadable } from './0010_sms_unreadable.ts';
import { deployment } from './0011_deployment.ts';
import { access } from './0012_access.ts';
import { consent } from './0013_consent.ts';
import { subscriberImports } from './0014_subscriber_imports.ts';
import { pushedResults } from './0015_pushed_results.ts';
import { carrierEvents } from './0016_carrier_events.ts';
import { officialStatistics } from './0017_official_statistics.ts';
import { lockOrders } from './0018_lock_orders.ts';
import { uncheckedResults } from './0019_unchecked_results.ts';
import { importLookups } from './0020_import_lookups.ts';
import { stagedNumbersOnDemand } from './0021_staged_numbers_on_demand.ts';
import { campaignTargets } from './0022_campaign_targets.ts';
import { liveFigures } from './0023_live_figures.ts';
import { weeklyReports } from './0024_weekly_reports.ts';

/**
 * Every migration, in order. A static list rather than a folder scan, so migrations run the same
 * from TypeScript sources, a bundle or a test runner.
 */
export const migrations: Record<string, Migration> = {
  '0001_foundation': foundation,
  '0002_campaign_state': campaignState,
  '0003_reconciliation': reconciliation,
  '0004_verification_attempts': verificationAttempts,
  '0005_roadmap': roadmap,
  '0006_sms_gateway': smsGateway,
  '0007_selfcheck': selfCheck,
  '0008_verification_limits': verificationLimits,
  '0009_one_time_codes': oneTimeCodes,
  '0010_sms_unreadable': smsUnreadable,
  '0011_deployment': deployment,
  '0012_access': access,
  '0013_consent': consent,
  '0014_subscriber_imports': subscriberImports,
  '0015_pushed_results': pushedResults,
  '0016_carrier_events': carrierEvents,
  '0017_official_statistics': officialStatistics,
  '0018_lock_orders': lockOrders,
  '0019_unchecked_results': uncheckedResults,
  '0020_import_lookups': importLookups,
  '0021_staged_numbers_on_demand': stagedNumbersOnDemand,
  '0022_campaign_targets': campaignTargets,
  '0023_live_figures': liveFigures,
  '0024_weekly_reports': weeklyReports,
};
