/** What a subscriber import reads besides the file: the reference tables, loaded once. */
import type { Database } from '../../db/open.ts';
import { describeOldAddressProblem, indexOldUnits, resolveOldAddress, type OldUnitIndex } from '../../domain/old-address.ts';
import { loadAdminUnits, loadOldUnits, loadReferenceData } from '../../reference/index.ts';
import type { ImportDependencies } from './subscriber-import.service.ts';
import type { OldAddressOutcome } from './subscriber-row.ts';

let oldUnits: OldUnitIndex | undefined;

/** The import's dependencies on `db`, with the repository's reference tables. */
export function subscriberImportDependencies(db: Database): ImportDependencies {
  const index = (oldUnits ??= indexOldUnits(loadOldUnits()));
  return {
    db,
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
