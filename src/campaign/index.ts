/**
 * The campaign as data (docs/campaign.md): dates, legal basis, province, its weeks, and its
 * targets, edited by the province's admin with every change audited.
 */
import { routesAt, noOptions, type Capability } from '../capability.ts';
import { campaignRoutes } from './campaign.routes.ts';

export const campaignCapability: Capability = {
  name: 'campaign',
  tags: [],
  routes: [routesAt('/campaign', campaignRoutes, noOptions)],
};
