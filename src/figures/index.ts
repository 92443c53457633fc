/**
 * The campaign's live figures (docs/campaign.md, "Live figures"): kept by the registry's writers
 * in their own transactions (registry/figures.repository.ts), read here per commune, carrier, day
 * and campaign week, and recounted from the registry by `tttb kpi verify`.
 */
import { routesAt, noOptions, type Capability } from '../capability.ts';
import { figuresRoutes } from './figures.routes.ts';

export { verifyFigures, figuresView, type FigureDifference, type FiguresAnswer } from './figures.service.ts';

export const figuresCapability: Capability = {
  name: 'figures',
  tags: [{ name: 'figures', description: 'Số liệu trực tiếp của chiến dịch' }],
  routes: [routesAt('/figures', figuresRoutes, noOptions)],
};
