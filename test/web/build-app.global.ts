/**
 * Vitest's global set-up: the web app is built once before any test file runs (a no-op when
 * web/dist is current), so browser tests in parallel files never build it at the same time.
 */
import { buildWebIfChanged } from '../../web/tools/build-web.ts';

export default async function setup(): Promise<void> {
  await buildWebIfChanged();
}
