/** Test helper: subscriber rows to insert directly. */
import type { NewSubscriber } from '../db/schema.ts';

let counter = 0;

/** A plain unverified H2H line in Long Xuyên; `extra` overrides any column. */
export function testLine(extra: Partial<NewSubscriber> = {}): NewSubscriber {
  counter += 1;
  return {
    msisdn: `09${String(61_000_000 + counter).padStart(8, '0')}`,
    carrier: 'viettel',
    line_class: 'h2h',
    holder_kind: 'citizen',
    document_type: 'personal_id',
    document_number: '089095012345',
    full_name: 'Nguyễn Văn An',
    name_key: 'nguyễn văn an',
    birth_date: '1995-03-02',
    birth_precision: 'day',
    sex: 'male',
    commune_code: '30292',
    imei: null,
    registered_at: '2020-01-01T00:00:00.000Z',
    ...extra,
  };
}

