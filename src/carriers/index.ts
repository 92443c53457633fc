/**
 * The carriers' side of the campaign: what their systems report about their lines (events in
 * batches, through the API or a file). Lock orders out to the carriers will join it.
 */
import { noOptions, routesAt, type Capability } from '../capability.ts';
import { carrierEventRoutes } from './carrier-events.routes.ts';

export { CARRIER_EVENT_FILE_COLUMNS, recordCarrierEventsFile, type EventFileProblem, type EventFileReport } from './carrier-events.file.ts';
export { recordCarrierEvents, type CarrierEventsDeps, type Reporter } from './carrier-events.service.ts';
export { CARRIER_EVENT_KINDS, carrierEvent, type CarrierEvent, type CarrierEventAnswer, type CarrierEventKind } from './carrier-events.schema.ts';

export const carriersCapability: Capability = {
  name: 'carriers',
  tags: [{ name: 'carriers', description: 'Sự kiện thuê bao do nhà mạng gửi' }],
  routes: [routesAt('/carrier-events', carrierEventRoutes, noOptions)],
};
