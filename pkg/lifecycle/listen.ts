// A port that cannot be bound stops start-up at once, with the port, what it was for and what holds it.
import { readFileSync, readdirSync, readlinkSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { StartError } from "./failure";

/** Socket inodes listening on TCP `port` (any address), from /proc/net/tcp{,6}; empty where /proc is not Linux's. */
function listeningInodes(port: number): Set<string> {
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text: string;
    try {
      text = readFileSync(table, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const f = line.trim().split(/\s+/);
      // local_address is HEXADDR:HEXPORT, st 0A is LISTEN, the inode is the 10th field.
      if (f.length > 9 && f[3] === "0A" && parseInt(f[1]!.split(":")[1]!, 16) === port) inodes.add(f[9]!);
    }
  }
  return inodes;
}

/**
 * "pid 1234 (node … cmd/standalone/main.ts)" for the process that listens on `port`, as far as this user can see;
 * undefined when nothing listens on it.
 */
export function portHolder(port: number): string | undefined {
  const inodes = listeningInodes(port);
  if (inodes.size === 0) return undefined;
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let link: string;
      try {
        link = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      const m = /^socket:\[(\d+)\]$/.exec(link);
      if (!m || !inodes.has(m[1]!)) continue;
      let cmd = "";
      try {
        cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
      } catch {
        // it exited meanwhile
      }
      return `pid ${pid}${cmd ? ` (${cmd})` : ""}`;
    }
  }
  return "a process this user cannot see";
}

/** The error a failed bind stops start-up with: which port, for what, what holds it, and the setting to change. */
export function listenFailure(what: string, host: string, port: number, setting: string, cause?: unknown): StartError {
  const code = (cause as { code?: string } | undefined)?.code;
  const holder = code === undefined || code === "EADDRINUSE" ? portHolder(port) : undefined;
  const why = holder
    ? `it is taken by ${holder}; stop that process or set ${setting} to another port`
    : `${code ?? "the address is not available to this process"}; check ${setting} and the host's address`;
  return new StartError(`cannot listen on ${host}:${port} for ${what}: ${why}`, { cause });
}

/** Binds a Node HTTP server and resolves with its port; a failed bind becomes the listenFailure for `what`. */
export function listenHttp(server: Server, host: string, port: number, what: string, setting: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", (err) => reject(listenFailure(what, host, port, setting, err)));
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}
