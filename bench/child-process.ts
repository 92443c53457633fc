/** Starts a server in a child process for a benchmark and stops it afterwards. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';

export interface Child {
  process: ChildProcess;
  stop(): Promise<void>;
}

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Spawns `node args…` and resolves once `ready()` says so (polled every 200 ms, up to `timeoutMs`). */
export async function startChild(
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: () => Promise<boolean>,
  timeoutMs = 120_000,
): Promise<Child> {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  let exited = false;
  child.once('exit', () => (exited = true));
  child.stdout?.resume();
  const deadline = Date.now() + timeoutMs;
  while (!(await ready().catch(() => false))) {
    if (exited) throw new Error(`${args.join(' ')} exited before it was ready`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${args.join(' ')} was not ready after ${timeoutMs} ms`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * CPU seconds (user + system, every thread) a process has used so far, from /proc (Linux); null
 * elsewhere. Throughput on a shared 2-core machine moves with whatever else runs; the CPU a server
 * spends per request does not.
 */
export function cpuSeconds(pid: number | undefined): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at state (field 3); utime and stime are 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

// USER_HZ: 100 on every Linux architecture Node.js runs on.
const CLOCK_TICKS_PER_SECOND = 100;

/** Runs `work` and reports the CPU `pid` used meanwhile (null where /proc is missing). */
export async function withCpu<T>(pid: number | undefined, work: () => Promise<T>): Promise<{ result: T; cpuSeconds: number | null }> {
  const before = cpuSeconds(pid);
  const result = await work();
  const after = cpuSeconds(pid);
  return { result, cpuSeconds: before === null || after === null ? null : after - before };
}

/** True once `url` answers 200. */
export async function answers(url: string, init?: RequestInit): Promise<boolean> {
  const res = await fetch(url, init);
  return res.ok;
}
