/**
 * "Nothing in tttb outside the simulator reads the simulator's tables": in production the
 * population data belongs to the Ministry of Public Security and tttb sees it only through
 * NationalIdService. Only the simulator, the demo generator that seeds it, the schema and the
 * migrations may name a `nid_*` table.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const ALLOWED: readonly RegExp[] = [
  /^verification\/national-id\/national-id\.simulator[^/]*\.ts$/,
  /^demo\//,
  /^db\/migrations\//,
  /^db\/schema\.ts$/,
  /\.test\.ts$/,
];

const SIMULATOR_TABLE = /\bnid_[a-z0-9_]+/i;

function typeScriptFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return typeScriptFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

describe('simulator isolation', () => {
  it('finds no nid_* table name outside the simulator, the demo generator, the schema and migrations', () => {
    const files = typeScriptFiles(SRC).map((file) => path.relative(SRC, file).split(path.sep).join('/'));
    const checked = files.filter((file) => !ALLOWED.some((rule) => rule.test(file)));
    const offenders = checked.flatMap((file) => {
      const match = SIMULATOR_TABLE.exec(fs.readFileSync(path.join(SRC, file), 'utf8'));
      return match ? [`${file}: ${match[0]}`] : [];
    });
    expect(checked.length).toBeGreaterThan(10); // the scan really ran over the source tree
    expect(offenders).toEqual([]);
  });
});
