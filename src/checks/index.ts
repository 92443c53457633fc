/** Checks: the answers of `tttb check …` and POST /api/v1/checks/*, one implementation for both. */
export { checkRoutes } from './checks.routes.ts';
export { checkDate, checkId, checkName, checkPhone, checkSms } from './checks.service.ts';
