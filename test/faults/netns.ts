// Hosts for the fault suite: one network namespace per host, each with its own address on a private /24, joined
// by veth pairs to a bridge in the root namespace (where the driver runs). A partition is the host's veth taken
// down on the bridge side; heal brings it up again. Every name carries the owning process's pid, so a later run
// can tell a dead run's leftovers from a live run's hosts and remove them.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";

export interface Host {
  /** Short name: infra, logic0, conn1, … */
  name: string;
  /** Network namespace name. */
  ns: string;
  /** Its address on the bridge. */
  ip: string;
  /** The veth end on the bridge (root namespace): down = partitioned. */
  link: string;
}

export interface Network {
  /** The bridge's address: where the driver's packets come from. */
  gateway: string;
  hosts: Map<string, Host>;
  host(name: string): Host;
  partition(host: Host): void;
  heal(host: Host): void;
  /** Kills every process in the hosts, removes the namespaces and the bridge. Safe to call twice. */
  destroy(): void;
}

const PREFIX = "rcf";
/** Networks of this process not yet destroyed: removed on exit, however the process ends short of SIGKILL. */
const live = new Set<Network>();
let exitHook = false;
/** Owner markers: pid → its start time, so a reused pid does not keep a dead run's leftovers alive. */
const MARKERS = "/run/roomcast-faults";

/** Runs `ip` in a session of its own, so the Ctrl-C that stops a run cannot kill the cleanup's own commands. */
function ip(...args: string[]): string {
  return execFileSync("setsid", ["ip", ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

function tryIp(...args: string[]): void {
  try {
    ip(...args);
  } catch {
    // Already gone: cleanup is idempotent.
  }
}

function startTime(pid: number): string | undefined {
  try {
    // Field 22 of /proc/PID/stat, after the command in parentheses (which may itself hold spaces).
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
}

/** True when the run that owns `pid`'s names is still alive (same pid, same start time as its marker). */
function runAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    const marked = readFileSync(path.join(MARKERS, String(pid)), "utf8").trim();
    return marked !== "" && marked === startTime(pid);
  } catch {
    return false;
  }
}

/** Kills every process inside a namespace (kill -9), then deletes it. */
function removeNamespace(ns: string): void {
  try {
    for (const pid of ip("netns", "pids", ns).split(/\s+/).filter(Boolean)) {
      try {
        process.kill(Number(pid), "SIGKILL");
      } catch {
        // Exited meanwhile.
      }
    }
  } catch {
    // No such namespace.
  }
  tryIp("netns", "del", ns);
}

/** Removes namespaces, links and markers of earlier runs whose process is gone (killed, crashed, interrupted). */
export function removeLeftovers(): string[] {
  const removed: string[] = [];
  const owner = (name: string) => Number(new RegExp(`^${PREFIX}(\\d+)`).exec(name)?.[1] ?? NaN);
  for (const line of ip("netns", "list").split("\n")) {
    const ns = line.split(" ")[0] ?? "";
    const pid = owner(ns);
    if (Number.isFinite(pid) && !runAlive(pid)) (removeNamespace(ns), removed.push(ns));
  }
  for (const line of ip("-o", "link", "show").split("\n")) {
    const name = /^\d+: ([^:@]+)/.exec(line)?.[1] ?? "";
    const pid = owner(name);
    if (Number.isFinite(pid) && !runAlive(pid)) (tryIp("link", "del", name), removed.push(name));
  }
  mkdirSync(MARKERS, { recursive: true });
  for (const f of readdirSync(MARKERS)) if (!runAlive(Number(f))) rmSync(path.join(MARKERS, f), { force: true });
  return removed;
}

/** The first 10.213.X.0/24 that no interface address or route on this machine uses. */
function freeSubnet(): string {
  const used = ip("-o", "addr", "show") + ip("route", "show") + ip("route", "show", "table", "all");
  for (let x = 0; x < 256; x++) if (!used.includes(`10.213.${x}.`)) return `10.213.${x}`;
  throw new Error("no free 10.213.X.0/24 subnet for the fault hosts");
}

function addHost(bridge: string, subnet: string, name: string, index: number): Host {
  const host: Host = {
    name,
    ns: `${PREFIX}${process.pid}-${name}`,
    ip: `${subnet}.${10 + index}`,
    link: `${PREFIX}${process.pid}h${index}`,
  };
  ip("netns", "add", host.ns);
  ip("link", "add", host.link, "type", "veth", "peer", "name", "eth0", "netns", host.ns);
  ip("link", "set", host.link, "master", bridge);
  ip("link", "set", host.link, "up");
  ip("-n", host.ns, "addr", "add", `${host.ip}/24`, "dev", "eth0");
  ip("-n", host.ns, "link", "set", "eth0", "up");
  ip("-n", host.ns, "link", "set", "lo", "up");
  return host;
}

/**
 * Builds the hosts (after removing dead runs' leftovers). Throws unless run as root with `ip` available; a failure
 * half-way removes what was made. Whatever is left when the process exits is removed then.
 */
export function createNetwork(names: string[]): Network {
  if (process.getuid?.() !== 0) throw new Error("the fault suite needs root (ip netns, veth pairs, a bridge)");
  removeLeftovers();
  writeFileSync(path.join(MARKERS, String(process.pid)), startTime(process.pid) ?? "");
  if (!exitHook) (process.on("exit", destroyAll), (exitHook = true));
  const bridge = `${PREFIX}${process.pid}br`;
  const hosts = new Map<string, Host>();
  let destroyed = false;
  const network: Network = {
    gateway: "",
    hosts,
    host(name) {
      const h = hosts.get(name);
      if (!h) throw new Error(`no host ${name}`);
      return h;
    },
    partition: (h) => void ip("link", "set", h.link, "down"),
    heal: (h) => void ip("link", "set", h.link, "up"),
    destroy() {
      if (destroyed) return;
      destroyed = true;
      live.delete(network);
      for (const h of hosts.values()) removeNamespace(h.ns);
      for (const h of hosts.values()) tryIp("link", "del", h.link);
      tryIp("link", "del", bridge);
      rmSync(path.join(MARKERS, String(process.pid)), { force: true });
    },
  };
  live.add(network);
  try {
    const subnet = freeSubnet();
    network.gateway = `${subnet}.1`;
    ip("link", "add", bridge, "type", "bridge");
    ip("addr", "add", `${subnet}.1/24`, "dev", bridge);
    ip("link", "set", bridge, "up");
    names.forEach((name, i) => {
      // The host is named before it exists, so destroy() removes a half-made one too.
      hosts.set(name, { name, ns: `${PREFIX}${process.pid}-${name}`, ip: "", link: `${PREFIX}${process.pid}h${i}` });
      hosts.set(name, addHost(bridge, subnet, name, i));
    });
    return network;
  } catch (err) {
    network.destroy();
    throw err;
  }
}

/** Destroys every network this process made (synchronous, so an exit or signal handler can call it). */
export function destroyAll(): void {
  for (const n of [...live]) n.destroy();
}
