/**
 * Self-check (1414 by SMS and on the citizen page): the SMS handler the SMS link calls for each
 * message, the HTTP routes, and the counts.
 */
export { createSelfCheckSmsHandler, type SelfCheckSmsOptions } from './selfcheck.sms.ts';
export { selfCheckRoutes, type SelfCheckRoutesOptions } from './selfcheck.routes.ts';
export { DEFAULT_SELFCHECK_SETTINGS, resolveSelfCheckSettings, type SelfCheckSettings } from './selfcheck.settings.ts';
export { countSelfCheckRecords, type SelfCheckCount } from './selfcheck.service.ts';
