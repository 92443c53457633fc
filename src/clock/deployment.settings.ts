/**
 * Which settings a mode needs. Production never falls back to a simulator or a random secret: a
 * missing variable stops the start (or the command that needs it), naming every one.
 */
import type { Config } from '../config.ts';
import type { DeploymentMode } from '../db/schema.ts';
import { AppError } from '../errors.ts';

/** What a command or the service talks to in production. */
export type ProductionNeed = 'nationalId' | 'smsc' | 'sessionSecret';

type AdapterSettings = Pick<Config, 'nationalId' | 'sms' | 'selfCheck'>;

/** The TTTB_* variables `needs` call for and `config` lacks. */
function missingProductionVariables(config: AdapterSettings, needs: readonly ProductionNeed[]): string[] {
  const missing: string[] = [];
  if (needs.includes('nationalId')) {
    if ('simulator' in config.nationalId) missing.push('TTTB_NID_URL', 'TTTB_NID_TOKEN');
    else if (!config.nationalId.token) missing.push('TTTB_NID_TOKEN');
  }
  if (needs.includes('smsc') && 'simulator' in config.sms.smsc) missing.push('TTTB_SMSC');
  if (needs.includes('sessionSecret') && config.selfCheck.sessionSecret === undefined) missing.push('TTTB_SELFCHECK_SESSION_SECRET');
  return missing;
}

/** Throws PRODUCTION_SETTINGS_MISSING on a production database when a needed variable is unset. */
export function requireModeSettings(mode: DeploymentMode, config: AdapterSettings, needs: readonly ProductionNeed[]): void {
  if (mode !== 'production') return;
  const missing = missingProductionVariables(config, needs);
  if (missing.length > 0) {
    throw new AppError('PRODUCTION_SETTINGS_MISSING', `cần đặt ${missing.join(', ')} (không dùng trình mô phỏng trên hệ thống thật)`, { missing });
  }
}

/**
 * The real-adapter variables a demo database is started with. A demo may use them on purpose (a
 * carrier's test SMSC, or an SMSC simulator in a process of its own as the benchmark runs), so
 * they are named in a warning rather than refused.
 */
export function realAdaptersOfDemo(config: AdapterSettings): string[] {
  return [...('url' in config.nationalId ? ['TTTB_NID_URL'] : []), ...('links' in config.sms.smsc ? ['TTTB_SMSC'] : [])];
}
