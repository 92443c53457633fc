import type { Database } from '../../db/open.ts';
import type { Config } from '../../config.ts';
import type { NationalIdService } from './national-id.port.ts';
import { createHttpNationalIdService } from './national-id.http-client.ts';
import { createSimulatorNationalIdService } from './national-id.simulator.ts';

/**
 * The national ID service the configuration asks for: the real endpoint over HTTP when
 * TTTB_NID_URL is set, otherwise the built-in simulator (demo, tests, development).
 */
export function nationalIdServiceFor(config: Pick<Config, 'nationalId'>, db: Database): NationalIdService {
  const choice = config.nationalId;
  if ('url' in choice) {
    return createHttpNationalIdService({ baseUrl: choice.url, ...(choice.token ? { apiToken: choice.token } : {}) });
  }
  return createSimulatorNationalIdService(db);
}
