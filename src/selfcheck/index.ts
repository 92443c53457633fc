/**
 * Self-check (1414 by SMS and on the citizen page): the SMS handler the SMS link calls for each
 * message, the HTTP routes, and the counts.
 */
export { createSelfCheckSmsHandler, type SelfCheckSmsOptions } from './selfcheck.sms.ts';
import { routesAt, type Capability } from '../capability.ts';
import type { OutboxSignal } from '../messaging/index.ts';
import { selfCheckRoutes, type SelfCheckRoutesOptions } from './selfcheck.routes.ts';
import type { SelfCheckSettings } from './selfcheck.settings.ts';

export { selfCheckRoutes, type SelfCheckRoutesOptions };
export { DEFAULT_SELFCHECK_SETTINGS, resolveSelfCheckSettings, type SelfCheckSettings } from './selfcheck.settings.ts';
export { countSelfCheckRecords, type SelfCheckCount } from './selfcheck.service.ts';

export interface SelfCheckRouteContext {
  /** The same settings as the SMS handler's, so both answer alike. */
  selfCheck: Partial<SelfCheckSettings>;
  /** Wakes the SMS link when a one-time code is queued. */
  outbox: OutboxSignal | undefined;
}

export const selfCheckCapability: Capability<SelfCheckRouteContext> = {
  name: 'selfcheck',
  tags: [{ name: 'selfcheck', description: 'Tự kiểm tra thông tin thuê bao (như nhắn TTTB gửi 1414)' }],
  routes: [routesAt('/selfcheck', selfCheckRoutes, (ctx) => ({ settings: ctx.selfCheck, outbox: ctx.outbox }))],
};
