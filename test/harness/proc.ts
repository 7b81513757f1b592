// Starting, watching and stopping child processes for integration tests.
import { spawn, type ChildProcess } from "node:child_process";
import * as net from "node:net";
import { sleep } from "../support/wait";

export interface Proc {
  readonly name: string;
  readonly child: ChildProcess;
  /** Everything the process wrote so far (stdout and stderr). */
  output(): string;
  /** Resolves when the output contains the text. */
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<void>;
  /** SIGTERM, then SIGKILL after graceMs; resolves with the exit code (null if killed by a signal). */
  stop(graceMs?: number): Promise<number | null>;
  /** SIGKILL at once. */
  kill9(): Promise<void>;
  readonly exited: Promise<number | null>;
}

const live = new Set<Proc>();

export function startProc(name: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = {}, cwd?: string): Proc {
  const child = spawn(cmd, args, { env: { ...process.env, ...env }, cwd, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  const waiters: Array<() => void> = [];
  const onData = (b: Buffer) => {
    out += b.toString();
    if (out.length > 4_000_000) out = out.slice(-2_000_000);
    for (const w of waiters.splice(0)) w();
  };
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const proc: Proc = {
    name,
    child,
    exited,
    output: () => out,
    waitFor(text, timeoutMs = 15_000) {
      const match = () => (typeof text === "string" ? out.includes(text) : text.test(out));
      return new Promise<void>((resolve, reject) => {
        let done = false;
        const timer = setTimeout(() => {
          done = true;
          reject(new Error(`${name}: "${String(text)}" not seen within ${timeoutMs} ms; output:\n${out.slice(-3000)}`));
        }, timeoutMs);
        const check = () => {
          if (done) return;
          if (match()) {
            done = true;
            clearTimeout(timer);
            resolve();
          } else if (child.exitCode !== null || child.signalCode !== null) {
            done = true;
            clearTimeout(timer);
            reject(
              new Error(`${name} exited (${child.exitCode ?? child.signalCode}) before "${String(text)}"; output:\n${out.slice(-3000)}`),
            );
          } else waiters.push(check);
        };
        exited.then(check);
        check();
      });
    },
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      const code = await exited;
      clearTimeout(timer);
      live.delete(proc);
      return code;
    },
    async kill9() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
      live.delete(proc);
    },
  };
  live.add(proc);
  return proc;
}

/** Kills every process this module started and that is still alive (for afterAll). */
export async function killAll(): Promise<void> {
  await Promise.all([...live].map((p) => p.kill9()));
}

/** Resolves once something accepts TCP connections on host:port. */
export async function waitForPort(port: number, host = "127.0.0.1", timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, host);
      s.once("connect", () => (s.destroy(), resolve(true)));
      s.once("error", () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`nothing listens on ${host}:${port} after ${timeoutMs} ms`);
    await sleep(100);
  }
}

/**
 * A free TCP port on 127.0.0.1, as the kernel hands it out. It is free when this resolves, not reserved: another
 * process may bind it before the child does, so start children on it through onFreePorts().
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** `count` distinct free ports. */
export async function freePorts(count: number): Promise<number[]> {
  const ports: number[] = [];
  while (ports.length < count) {
    const p = await freePort();
    if (!ports.includes(p)) ports.push(p);
  }
  return ports;
}

/** True when a start failed because a port was taken: the text of the error (a process's output included) says so. */
export function portTaken(err: unknown): boolean {
  return /EADDRINUSE|address already in use|could not listen|cannot listen on|No address added/i.test(
    String((err as Error)?.message ?? err),
  );
}

/**
 * Runs start(ports) on `count` fresh free ports. freePort() releases a port before the child binds it, so another
 * process may take it in between: when start fails because a port was taken (portTaken), it runs again on new
 * ports, up to `attempts` times. start must leave nothing running when it throws.
 */
export async function onFreePorts<T>(count: number, start: (ports: number[]) => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start(await freePorts(count));
    } catch (err) {
      if (attempt >= attempts || !portTaken(err)) throw err;
    }
  }
}

/** Starts a process and waits until its output says it is ready; kills it if it is not (it exited, or the time ran out). */
export async function startReady(start: () => Proc, ready: string | RegExp, timeoutMs = 60_000): Promise<Proc> {
  const proc = start();
  try {
    await proc.waitFor(ready, timeoutMs);
    return proc;
  } catch (err) {
    await proc.kill9();
    throw err;
  }
}

/** True when nothing holds `port` on 127.0.0.1 right now. */
export function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once("error", () => resolve(false));
    srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
  });
}

/**
 * A free port for a process a test must name before it starts (a URL other processes advertise), from lo–hi: below
 * the kernel's ephemeral range (32768 and up here), so no process that binds port 0 meanwhile is handed it, as a
 * released freePort() can be.
 */
export async function portBelowEphemeral(lo = 32_000, hi = 32_767): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const port = lo + Math.floor(Math.random() * (hi - lo + 1));
    if (await bindable(port)) return port;
  }
  throw new Error(`no free port in ${lo}-${hi}`);
}
