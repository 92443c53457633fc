/** Registry: administrative units, subscribers and the population figures tttb holds. */
import type { Database } from '../db/open.ts';
import { loadAdminUnits } from '../reference/index.ts';
import { upsertAdminUnits } from './admin-units.repository.ts';
import { noOptions, routesAt, type Capability } from '../capability.ts';
import { adminUnitRoutes } from './admin-units.routes.ts';

export { listAdminUnits, upsertAdminUnits } from './admin-units.repository.ts';

/** The province the reference unit list describes (new An Giang, code 91). */
export const REFERENCE_PROVINCE_CODE = '91';

/** Loads the reference administrative units into the database; safe to run at every start. */
export async function seedReferenceData(db: Database): Promise<void> {
  const units = loadAdminUnits();
  await upsertAdminUnits(
    db,
    units.map((u) => ({ code: u.code, name: u.name, type: u.type, province_code: REFERENCE_PROVINCE_CODE })),
  );
}
export { hasAnySubscriber } from './subscribers.repository.ts';
export {
  appendEvent,
  appendEvents,
  correctRegistration,
  CAMPAIGN_LOCK_REASONS,
  isCampaignLock,
  markVerified,
  requireVerification,
  requireVerificationOfMany,
  setVerificationPending,
  type NewEvent,
} from './subscriber-state.repository.ts';
export { maskBirthDate, maskDocumentNumber, maskName } from './masking.ts';

export const registryCapability: Capability = {
  name: 'registry',
  tags: [{ name: 'registry', description: 'Đơn vị hành chính và số liệu dân số' }],
  routes: [routesAt('/admin-units', adminUnitRoutes, noOptions)],
};
