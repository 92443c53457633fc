/**
 * The demo's subscriber lines as each carrier would send them: one file per carrier in the
 * documented format (docs/imports.md), so importing the files gives the registry the demo writes
 * directly.
 */
import { once } from 'node:events';
import fs from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import { SUBSCRIBER_FILE_COLUMNS } from '../registry/index.ts';
import { DemoRowGenerator, SUBSCRIBER_COLUMNS, type Row } from './row-generator.ts';

/** The header of a carrier file: the documented column codes, in their documented order. */
export const CARRIER_FILE_COLUMNS: readonly string[] = SUBSCRIBER_FILE_COLUMNS.map((c) => c.code);

/** The name of a carrier's file in a demo's output directory. */
export const carrierFileName = (carrier: string): string => `thue-bao-${carrier}.csv`;

const at = (column: (typeof SUBSCRIBER_COLUMNS)[number]) => SUBSCRIBER_COLUMNS.indexOf(column);
const CARRIER = at('carrier');
const FROM_TABLE: readonly number[] = CARRIER_FILE_COLUMNS.map((code) => at(code as (typeof SUBSCRIBER_COLUMNS)[number]));
const STATUS = CARRIER_FILE_COLUMNS.indexOf('status');

/** The carrier of a `subscribers` row. */
export const carrierOf = (row: Row): string => row[CARRIER] as string;

/** A `subscribers` row as its carrier's file writes it: the columns the file has, status active. */
export function toCarrierFileRow(row: Row): Row {
  const out = FROM_TABLE.map((i) => (i < 0 ? null : (row[i] ?? null)));
  out[STATUS] = 'active';
  return out;
}

/**
 * Writes `lines` demo lines as one carrier's file (every line as `carrier`'s), streamed: the big
 * files of the kill tests and the import benchmark.
 */
export async function writeCarrierFile(file: string, options: { lines: number; seed: number; carrier: string }): Promise<number> {
  const out = fs.createWriteStream(file);
  const write = async (rows: unknown[][]) => {
    if (rows.length > 0 && !out.write(stringify(rows))) await once(out, 'drain');
  };
  await write([[...CARRIER_FILE_COLUMNS]]);
  let written = 0;
  for (const batch of new DemoRowGenerator({ lines: options.lines, seed: options.seed }).batches()) {
    await write(batch.subscribers.map(toCarrierFileRow));
    written += batch.subscribers.length;
  }
  out.end();
  await once(out, 'finish');
  return written;
}
