/**
 * The campaign's live figures (docs/campaign.md, "Live figures"): what is counted per commune,
 * carrier and Vietnam calendar day. A stock is a state lines are in (its value on a day is the
 * sum of its changes up to that day); a flow is what happened on the day.
 */
import { VERIFICATION_CHANNELS, type VerificationChannel } from './vocabulary.ts';

/**
 * States of a line. The campaign counts H2H lines (docs/domain.md); a target line is an open H2H
 * line that has entered a target group (whatever the group, once; verification ends the
 * membership, not the line's place in the target); a closed one leaves the target and is counted
 * as `target_closed`. Locks count the roadmap's locks only (other lifecycles' locks are not the
 * campaign's), of open lines, terminations of any line.
 */
export const STOCK_MEASURES = [
  'lines',
  'lines_verified',
  'target',
  'target_verified',
  'target_cmnd9',
  'target_carrier_notice',
  'target_mismatch',
  'target_closed',
  'locked_one_way',
  'locked_two_way',
  'terminated',
] as const;
export type StockMeasure = (typeof STOCK_MEASURES)[number];

/**
 * Events of a day: verifications by channel (each one, also a line verified again), campaign
 * locks lifted, self-checks answered, notices sent and delivered.
 */
export const FLOW_MEASURES = [
  ...VERIFICATION_CHANNELS.map((channel) => `verified_${channel}` as const),
  'unlocked',
  'selfchecks',
  'notices_sent',
  'notices_delivered',
] as const;
export type FlowMeasure = `verified_${VerificationChannel}` | 'unlocked' | 'selfchecks' | 'notices_sent' | 'notices_delivered';

export type FigureMeasure = StockMeasure | FlowMeasure;

export function isStockMeasure(measure: string): measure is StockMeasure {
  return (STOCK_MEASURES as readonly string[]).includes(measure);
}

/** The flow a verification through `channel` adds to. */
export function verifiedVia(channel: string): FlowMeasure | undefined {
  const measure = `verified_${channel}`;
  return (FLOW_MEASURES as readonly string[]).includes(measure) ? (measure as FlowMeasure) : undefined;
}

/** A line of figures without a commune on record is counted under this key. */
export const NO_COMMUNE = '';
