/**
 * Look-up: a line or a person's lines for the people who serve them (masked, within the
 * principal's scope; revealed with a reason, audit-logged). Its own capability because it reads
 * what the others hold (registry, verification, roadmap) through their index.ts.
 */
import { noOptions, routesAt, type Capability } from '../capability.ts';
import { lookupRoutes } from './lookup.routes.ts';

export { lookupLine, lookupPerson, REVEAL_REASON_LENGTH, type LineView, type LookupAnswer, type LookupOptions, type RevealRequest } from './lookup.service.ts';
export { lookupRoutes };

export const lookupCapability: Capability = {
  name: 'lookup',
  tags: [{ name: 'lookup', description: 'Tra cứu thuê bao, người (che thông tin cá nhân, trừ khi hiện thông tin có lý do)' }],
  routes: [routesAt('', lookupRoutes, noOptions)],
};
