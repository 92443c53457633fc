/**
 * The web app's API client is what the routes describe: a route added or changed without
 * `npm run web:api` fails here, before the app calls a path the types do not know.
 */
import fs from 'node:fs';
import { expect, it } from 'vitest';
import { API_DOCUMENT_FILE, API_SCHEMA_FILE, currentApiClientFiles } from '../../web/tools/api-schema.ts';

it('web/src/api/openapi.json and schema.d.ts are generated from the routes as they are (npm run web:api)', async () => {
  const { document, schema } = await currentApiClientFiles();
  const hint = 'the routes changed: run `npm run web:api` and commit web/src/api/';
  expect(fs.readFileSync(API_DOCUMENT_FILE, 'utf8') === document, hint).toBe(true);
  expect(fs.readFileSync(API_SCHEMA_FILE, 'utf8') === schema, hint).toBe(true);
});
