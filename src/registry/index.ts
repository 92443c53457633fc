/** Registry: administrative units, subscribers and the population figures tttb holds. */
import type { Database } from '../db/open.ts';
import { loadAdminUnits } from '../reference/index.ts';
import { upsertAdminUnits } from './admin-units.repository.ts';
import { noOptions, routesAt, type Capability } from '../capability.ts';
import { adminUnitRoutes } from './admin-units.routes.ts';
import { importRoutes } from './import/imports.routes.ts';
import { statisticsRoutes } from './statistics/statistics.routes.ts';

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
export { countFlow, placeOfLine, trackFigures, type ChangedLines, type FlowPlace } from './figures.repository.ts';
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
export { columnLabel, SUBSCRIBER_FILE_COLUMNS, type SubscriberColumn, type SubscriberColumnCode } from './import/subscriber-columns.ts';
export { headerLayout, headerProblem, type HeaderLayout } from './import/table-columns.ts';
export { checkRegistration, wordKey, type RowCheck, type RowContext, type StagedLine } from './import/subscriber-row.ts';
export { closeLine, portOut, recordHandsetChange, transferLine } from './line-changes.repository.ts';
export { orderLocks } from './lock-orders.repository.ts';
export {
  DEFAULT_CLOSE_SHARE_LIMIT,
  importSubscriberFile,
  type ImportDependencies,
  type ImportProgress,
  type ImportReport,
  type ImportRequest,
} from './import/subscriber-import.service.ts';
export { subscriberImportDependencies } from './import/subscriber-import.dependencies.ts';
export { STATISTICS_FILE_COLUMNS, type StatisticsColumn } from './statistics/statistics-columns.ts';
export { importStatisticsFile, type StatisticsImportReport, type StatisticsImportRequest } from './statistics/statistics-import.service.ts';
export {
  figuresAsOf,
  versionOfFile,
  writeVersion,
  type CommuneFigures,
  type FiguresInForce,
  type NewStatisticsVersion,
  type StatisticsVersion,
} from './statistics/statistics.repository.ts';
export { maskBirthDate, maskDocumentNumber, maskName } from './masking.ts';
export {
  openTable,
  openTableStream,
  type CellProblem,
  type OpenedTable,
  type OpenTableOptions,
  type RowProblem,
  type TableFormat,
  type TableItem,
  type TableRow,
  type TextEncoding,
} from './import/table-file.ts';
export { TABLE_FILE_ERRORS, TABLE_ROW_PROBLEMS, TableFileError, type TableFileErrorCode, type TableRowProblemCode } from './import/table-file-errors.ts';

export const registryCapability: Capability = {
  name: 'registry',
  tags: [{ name: 'registry', description: 'Đơn vị hành chính, số liệu thống kê dân số (theo phiên bản) và tệp thuê bao của nhà mạng' }],
  routes: [
    routesAt('/admin-units', adminUnitRoutes, noOptions),
    routesAt('/imports', importRoutes, noOptions),
    routesAt('/statistics', statisticsRoutes, noOptions),
  ],
};
