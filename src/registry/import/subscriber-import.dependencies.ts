/** What a subscriber import reads besides the file: the reference tables, loaded once. */
import type { Database } from '../../db/open.ts';
import { describeOldAddressProblem, indexOldUnits, resolveOldAddress, type OldUnitIndex } from '../../domain/old-address.ts';
import { loadAdminUnits, loadOldUnits, loadReferenceData } from '../../reference/index.ts';
import type { ImportDependencies } from './subscriber-import.service.ts';
import type { OldAddressOutcome, RowReferences } from './subscriber-row.ts';

let oldUnits: OldUnitIndex | undefined;

/** The import's dependencies on `db`, with the repository's reference tables (which the carriers' events check registrations against). */
export function subscriberImportDependencies(db: Database): ImportDependencies & RowReferences {
  return { db, ...standardRowReferences() };
}

/** What a row is checked against: the repository's reference tables (also built by the row-check worker). */
export function standardRowReferences(): RowReferences {
  const index = (oldUnits ??= indexOldUnits(loadOldUnits()));
  return {
    reference: loadReferenceData(),
    communeCodes: new Set(loadAdminUnits().map((u) => u.code)),
    resolveOldAddress: (address): OldAddressOutcome => {
      const resolution = resolveOldAddress(index, address);
      if (resolution.kind === 'mapped') return { kind: 'mapped', code: resolution.code };
      const problem = describeOldAddressProblem(index, resolution);
      return { kind: resolution.kind, code: problem?.code ?? 'OLD_COMMUNE_UNKNOWN', message: problem?.message ?? '' };
    },
  };
}
