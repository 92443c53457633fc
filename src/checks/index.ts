/** Checks: the answers of `tttb check …` and POST /api/v1/checks/*, one implementation for both. */
import { noOptions, routesAt, type Capability } from '../capability.ts';
import { checkRoutes } from './checks.routes.ts';

export { checkRoutes };
export { checkDate, checkId, checkName, checkPhone, checkSms } from './checks.service.ts';

export const checksCapability: Capability = {
  name: 'checks',
  tags: [{ name: 'checks', description: 'Kiểm tra số định danh, số điện thoại, họ tên, ngày sinh, tin nhắn' }],
  routes: [routesAt('/checks', checkRoutes, noOptions)],
};
