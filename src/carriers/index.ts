/**
 * The carriers' side of the campaign: what their systems report about their lines (events in
 * batches, through the API or a file), and the lock and unlock orders tttb sends them (a feed
 * their systems read and confirm).
 */
import { noOptions, routesAt, type Capability } from '../capability.ts';
import { carrierEventRoutes } from './carrier-events.routes.ts';
import { lockOrderRoutes } from './lock-orders.routes.ts';
import { demoCarriersJob, type DemoCarriersJobContext } from './demo-carriers.job.ts';
import { demoCarrierEventsJob } from './demo-carrier-events.job.ts';

export { CARRIER_EVENT_FILE_COLUMNS, recordCarrierEventsFile, type EventFileProblem, type EventFileReport } from './carrier-events.file.ts';
export { confirmLockOrders, lockTimeliness, readLockOrders } from './lock-orders.service.ts';
export { DEFAULT_LOCK_ORDER_SETTINGS, type LockOrderSettings } from './lock-orders.settings.ts';
export { recordCarrierEvents, type CarrierEventsDeps, type Reporter } from './carrier-events.service.ts';
export { CARRIER_EVENT_KINDS, carrierEvent, type CarrierEvent, type CarrierEventAnswer, type CarrierEventKind } from './carrier-events.schema.ts';

export { demoCarriersJob, demoDoneAt, type DemoCarriersJobContext } from './demo-carriers.job.ts';
export { demoCarrierEventsJob } from './demo-carrier-events.job.ts';

export const carriersCapability: Capability<object, DemoCarriersJobContext> = {
  name: 'carriers',
  tags: [{ name: 'carriers', description: 'Sự kiện thuê bao do nhà mạng gửi; lệnh khóa, mở khóa gửi nhà mạng và xác nhận' }],
  routes: [routesAt('/carrier-events', carrierEventRoutes, noOptions), routesAt('/lock-orders', lockOrderRoutes, noOptions)],
  jobs: [demoCarriersJob, demoCarrierEventsJob],
};
