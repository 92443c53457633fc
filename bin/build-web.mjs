#!/usr/bin/env node
// Builds web/dist when web/ or package-lock.json changed since the last build (`npm start`, `npm run web:build`),
// then prints what each chunk and each budgeted page weighs gzipped.
import { register } from 'tsx/esm/api';

register();
const { buildWebIfChanged } = await import('../web/tools/build-web.ts');
const { sizeReport } = await import('../web/tools/bundle-sizes.ts');
const started = Date.now();
if (await buildWebIfChanged()) {
  console.log(`web/dist built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  for (const line of sizeReport()) console.log(line);
} else {
  console.log('web/dist is up to date');
}
