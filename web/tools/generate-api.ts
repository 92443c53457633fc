/** `npm run web:api`: writes web/src/api/openapi.json and schema.d.ts from the routes (see api-schema.ts). */
import fs from 'node:fs';
import path from 'node:path';
import { API_DOCUMENT_FILE, API_SCHEMA_FILE, currentApiClientFiles } from './api-schema.ts';

const { document, schema } = await currentApiClientFiles();
fs.writeFileSync(API_DOCUMENT_FILE, document);
fs.writeFileSync(API_SCHEMA_FILE, schema);
for (const file of [API_DOCUMENT_FILE, API_SCHEMA_FILE]) console.log(`wrote ${path.relative(process.cwd(), file)}`);
