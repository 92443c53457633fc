import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referencingTablesFirst, type TableReference } from './table-order.ts';

/** Tables t0…tn-1 with references only from a higher index to a lower one (no cycles), shuffled. */
const acyclicSchema = fc.integer({ min: 1, max: 12 }).chain((n) => {
  const names = Array.from({ length: n }, (_, i) => `t${i}`);
  const edge = fc.tuple(fc.nat(n - 1), fc.nat(n - 1)).map(([a, b]): TableReference => ({ table: `t${Math.max(a, b)}`, references: `t${Math.min(a, b)}` }));
  return fc.record({ tables: fc.shuffledSubarray(names, { minLength: n, maxLength: n }), references: fc.array(edge, { maxLength: 30 }) });
});

describe('referencingTablesFirst', () => {
  it('puts every table before the tables it references, and each table exactly once', () => {
    fc.assert(
      fc.property(acyclicSchema, ({ tables, references }) => {
        const order = referencingTablesFirst(tables, references);
        expect([...order].sort()).toEqual([...tables].sort());
        for (const r of references) {
          if (r.table !== r.references) expect(order.indexOf(r.table)).toBeLessThan(order.indexOf(r.references));
        }
      }),
    );
  });

  it('ignores references to tables outside the list and to the table itself', () => {
    expect(referencingTablesFirst(['a', 'b'], [{ table: 'a', references: 'a' }, { table: 'b', references: 'a' }, { table: 'a', references: 'elsewhere' }])).toEqual(['b', 'a']);
  });

  it('refuses a cycle rather than loop', () => {
    expect(() => referencingTablesFirst(['a', 'b'], [{ table: 'a', references: 'b' }, { table: 'b', references: 'a' }])).toThrow(/cycle/);
  });
});
