/** Starts a server in a child process for a benchmark and stops it afterwards. */
import { spawn, type ChildProcess } from 'node:child_process';
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

/** True once `url` answers 200. */
export async function answers(url: string, init?: RequestInit): Promise<boolean> {
  const res = await fetch(url, init);
  return res.ok;
}
