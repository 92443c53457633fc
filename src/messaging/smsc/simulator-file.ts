/**
 * `<dataDir>/smsc-simulator.json`: where the demo's SMSC simulator listens and the `phones`
 * password of this run, so `tttb sms send` can play a phone. Written at start (mode 0600, the
 * password is random per run), removed at stop: no file means no simulator running.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface SimulatorFile {
  host: string;
  port: number;
  phonesSystemId: string;
  phonesPassword: string;
}

const FILE_NAME = 'smsc-simulator.json';

/** Path of the file under the data directory. */
export function simulatorFilePath(dataDir: string): string {
  return path.join(dataDir, FILE_NAME);
}

/** Writes the file readable by its owner only. */
export function writeSimulatorFile(dataDir: string, info: SimulatorFile): void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = simulatorFilePath(dataDir);
  fs.writeFileSync(file, JSON.stringify(info, null, 2) + '\n', { mode: 0o600 });
  fs.chmodSync(file, 0o600); // mode applies only when the file is created
}

/** Reads the file; null when there is none (or it is not one of ours). */
export function readSimulatorFile(dataDir: string): SimulatorFile | null {
  let text: string;
  try {
    text = fs.readFileSync(simulatorFilePath(dataDir), 'utf8');
  } catch {
    return null;
  }
  try {
    const info = JSON.parse(text) as Partial<SimulatorFile>;
    if (typeof info.host !== 'string' || typeof info.port !== 'number' || typeof info.phonesPassword !== 'string') return null;
    return { host: info.host, port: info.port, phonesSystemId: info.phonesSystemId ?? 'phones', phonesPassword: info.phonesPassword };
  } catch {
    return null;
  }
}

/** Removes the file (the simulator stopped). */
export function removeSimulatorFile(dataDir: string): void {
  fs.rmSync(simulatorFilePath(dataDir), { force: true });
}
