// The results as Markdown: one table per scenario with a column per system and ratios against roomcast.
import type { BenchResults, Outcome } from "./results";
import type { RoomsParams, RoomsResult, StepResult } from "./scenarios/rooms";
import type { ImportantResult } from "./scenarios/important";
import type { IdleResult } from "./scenarios/idle";
import type { SignInsResult } from "./scenarios/signins";
import type { StormResult } from "./scenarios/reconnect_storm";

export const ROOMCAST = "roomcast standalone";
export const CEILING = "ceiling (bare uWS)";

const fmt = (n: number) => (Number.isInteger(n) ? n.toLocaleString("en-US") : String(n));
const ratio = (a: number, b: number) => (a > 0 && b > 0 ? `${(a / b).toFixed(2)}×` : "–");
const row = (cells: string[]) => `| ${cells.join(" | ")} |`;

function table(systems: string[], rows: Array<[string, (system: string) => string]>): string[] {
  return [
    row(["", ...systems]),
    row(["---", ...systems.map(() => "---:")]),
    ...rows.map(([label, cell]) => row([label, ...systems.map(cell)])),
  ];
}

/** A table cell from a system's outcome: the figure, "error: …", or "–" where the scenario did not run. */
function outcomeCell<T>(get: (system: string) => Outcome<T> | undefined, f: (x: T) => string | number) {
  return (system: string): string => {
    const o = get(system);
    if (!o) return "–";
    if (!o.ok) return `error: ${o.error.replace(/\|/g, "/").slice(0, 120)}`;
    const v = f(o.result);
    return typeof v === "number" ? fmt(v) : v;
  };
}

/** The step that delivered the most. */
export const peakStep = (r: RoomsResult): StepResult => r.steps.reduce((a, b) => (b.deliveredPerSec > a.deliveredPerSec ? b : a));

/** The highest offered rate every system that ran the scenario reached: the fair point of comparison. */
export function commonRate(outcomes: Record<string, Outcome<RoomsResult>>): number | undefined {
  const ran = Object.values(outcomes).flatMap((o) => (o.ok ? [o.result.steps.map((s) => s.offeredPerSec)] : []));
  if (ran.length === 0) return undefined;
  return Math.max(...ran.reduce((a, b) => a.filter((x) => b.includes(x))), -Infinity) || undefined;
}

const stepAt = (o: Outcome<RoomsResult> | undefined, rate: number | undefined) =>
  o?.ok ? o.result.steps.find((s) => s.offeredPerSec === rate) : undefined;

function roomsSection(title: string, p: RoomsParams, outcomes: Record<string, Outcome<RoomsResult>>, systems: string[]): string[] {
  const rate = commonRate(outcomes);
  const peak = (s: string) => (outcomes[s]?.ok ? peakStep((outcomes[s] as { ok: true; result: RoomsResult }).result) : undefined);
  const at = (s: string) => stepAt(outcomes[s], rate);
  const cell = (f: (x: StepResult) => number | string, pick: (s: string) => StepResult | undefined) => (s: string) => {
    const x = pick(s);
    return x ? String(typeof f(x) === "number" ? fmt(f(x) as number) : f(x)) : outcomes[s]?.ok === false ? "error" : "–";
  };
  const lines = [
    `## ${title}`,
    "",
    ((p.roomsPerMember ?? 1) > 1
      ? `${(p.rooms * p.members).toLocaleString("en-US")} members, each in ${p.roomsPerMember} of ${p.rooms.toLocaleString("en-US")} rooms ` +
        `(${(p.members * p.roomsPerMember!).toLocaleString("en-US")} members a room), ${p.publishers} publisher(s) per room, `
      : `${p.rooms.toLocaleString("en-US")} room(s) × ${p.members.toLocaleString("en-US")} members, ${p.publishers} publisher(s) per room, `) +
      `${p.size}-byte messages, offered ${p.rates.join(", ")} msg/s in all (${p.stepSec} s per step, stepping stops when delivery grows < ${p.minGrowth * 100}%), ` +
      `${p.workers} load-generator process(es).`,
    "",
  ];
  if (rate !== undefined) {
    const base = at(ROOMCAST)?.msgsPerCpuSec ?? 0;
    const ceil = at(CEILING)?.msgsPerCpuSec ?? 0;
    lines.push(
      `### At ${fmt(rate)} msg/s offered (the highest rate every system ran)`,
      "",
      ...table(systems, [
        ["delivered msg/s", cell((x) => x.deliveredPerSec, at)],
        ["msgs per server CPU-s", cell((x) => x.msgsPerCpuSec, at)],
        ["roomcast standalone ÷ this (per CPU-s)", (s) => ratio(base, at(s)?.msgsPerCpuSec ?? 0)],
        ["this ÷ ceiling (per CPU-s)", (s) => ratio(at(s)?.msgsPerCpuSec ?? 0, ceil)],
        ["msgs per frame", cell((x) => x.msgsPerFrame, at)],
        ["p50 ms", cell((x) => x.latencyMs.p50, at)],
        ["p99 ms", cell((x) => x.latencyMs.p99, at)],
        ["p99.9 ms", cell((x) => x.latencyMs.p999, at)],
        ["max ms", cell((x) => x.latencyMs.max, at)],
        ["missing / dups / conns lost", cell((x) => `${x.missing} / ${x.dups} / ${x.lost}`, at)],
      ]),
      "",
    );
  }
  const base = peak(ROOMCAST)?.deliveredPerSec ?? 0;
  lines.push(
    "### At each system's peak (the step that delivered the most)",
    "",
    ...table(systems, [
      ["offered msg/s", cell((x) => x.offeredPerSec, peak)],
      ["delivered msg/s", cell((x) => x.deliveredPerSec, peak)],
      ["roomcast standalone ÷ this (delivered)", (s) => ratio(base, peak(s)?.deliveredPerSec ?? 0)],
      ["msgs per server CPU-s", cell((x) => x.msgsPerCpuSec, peak)],
      ["server CPU-s per step", cell((x) => x.serverCpuSec, peak)],
      ["msgs per frame", cell((x) => x.msgsPerFrame, peak)],
      ["p50 ms", cell((x) => x.latencyMs.p50, peak)],
      ["p99 ms", cell((x) => x.latencyMs.p99, peak)],
      ["p99.9 ms", cell((x) => x.latencyMs.p999, peak)],
      ["missing / dups / conns lost", cell((x) => `${x.missing} / ${x.dups} / ${x.lost}`, peak)],
      ["join, s", (s) => (outcomes[s]?.ok ? String((outcomes[s] as { ok: true; result: RoomsResult }).result.joinMs / 1000) : "–")],
    ]),
    "",
    "<details><summary>Every step</summary>",
    "",
    row([
      "system",
      "offered msg/s",
      "delivered msg/s",
      "behind s",
      "msgs per CPU-s",
      "msgs/frame",
      "p50 ms",
      "p99 ms",
      "p99.9 ms",
      "max ms",
      "missing",
      "dups",
      "lost",
    ]),
    row(Array(13).fill("---")),
  );
  for (const s of systems) {
    const o = outcomes[s];
    if (!o) continue;
    if (!o.ok) lines.push(row([s, `error: ${o.error.replace(/\|/g, "/").slice(0, 200)}`, ...Array(11).fill("")]));
    else
      for (const x of o.result.steps)
        lines.push(
          row([
            s,
            ...[
              x.offeredPerSec,
              x.deliveredPerSec,
              x.behindSec ?? 0,
              x.msgsPerCpuSec,
              x.msgsPerFrame,
              x.latencyMs.p50,
              x.latencyMs.p99,
              x.latencyMs.p999,
              x.latencyMs.max,
              x.missing,
              x.dups,
              x.lost,
            ].map(fmt),
          ]),
        );
  }
  lines.push("", "</details>", "");
  return lines;
}

/** The sender sweep: one row per publisher count, msgs per server CPU-s, its ratio to the ceiling's, and the p99. */
function manySendersSection(r: BenchResults, systems: string[]): string[] {
  const sweep = r.params.manySenders ?? [];
  const keys = Object.keys(r.manySenders ?? {});
  if (keys.length === 0 || sweep.length === 0) return [];
  const p = sweep[0];
  const lines = [
    "## Many senders into one room",
    "",
    `${p.rooms} room × ${fmt(p.members)} members, ${fmt(p.rates[0])} msg/s in all from N of its members (spread over the conn nodes), ` +
      `${p.size}-byte messages, ${p.stepSec} s. Each cell: msgs per server CPU-s (÷ the ceiling's) · p99 ms.`,
    "",
    row(["senders", ...systems]),
    row(["---", ...systems.map(() => "---:")]),
  ];
  for (const key of keys) {
    const outcomes = r.manySenders[key];
    const step = (s: string) => (outcomes[s]?.ok ? peakStep((outcomes[s] as { ok: true; result: RoomsResult }).result) : undefined);
    const ceil = step(CEILING)?.msgsPerCpuSec ?? 0;
    lines.push(
      row([
        key,
        ...systems.map((s) => {
          const x = step(s);
          if (!x) return outcomes[s]?.ok === false ? "error" : "–";
          const lossy = x.missing || x.dups || x.lost ? ` (missing ${x.missing}, dups ${x.dups}, lost ${x.lost})` : "";
          return `${fmt(x.msgsPerCpuSec)} (${ratio(x.msgsPerCpuSec, ceil)}) · ${x.latencyMs.p99}${lossy}`;
        }),
      ]),
    );
  }
  lines.push("");
  // Where a system names its processes (the roomcast cluster): what each spends per published message.
  for (const s of systems) {
    const steps = keys.map((key) => {
      const o = r.manySenders[key]?.[s];
      return o?.ok ? peakStep(o.result) : undefined;
    });
    const names = [...new Set(steps.flatMap((x) => Object.keys(x?.cpuSecByProcess ?? {})))];
    if (names.length === 0) continue;
    lines.push(
      `Per published message on ${s}, by process: µs of CPU · wake-ups (voluntary context switches of every thread).`,
      "",
      row(["senders", ...names]),
      row(["---", ...names.map(() => "---:")]),
      ...keys.flatMap((key, i) => {
        const x = steps[i];
        if (!x?.cpuSecByProcess || x.published === 0) return [];
        const us = (n: string) => Math.round(((x.cpuSecByProcess?.[n] ?? 0) * 1e6) / x.published);
        const woken = (n: string) => (x.wakeupsByProcess ? ` · ${((x.wakeupsByProcess[n] ?? 0) / x.published).toFixed(2)}` : "");
        return [row([key, ...names.map((n) => `${us(n)}${woken(n)}`)])];
      }),
      "",
    );
  }
  return lines;
}

export function markdown(r: BenchResults, plotFile?: string): string {
  const systems = r.systems.filter((s) => !(s in r.unavailable));
  const lines = [
    `# roomcast bench, ${r.date.slice(0, 10)}${r.quick ? " (quick)" : ""}`,
    "",
    `${r.cores} cores (${r.cpu}), Node ${r.node}. Every system ran on this machine in the same run, one after another, driven by the same ` +
      "load generator (its workers share the cores with the server: on loopback the kernel's receive path is charged to the receiving client). " +
      "Latency is end to end from each message's intended send time (open loop). CPU is the server processes' user + system time from /proc.",
    "",
  ];
  for (const [name, why] of Object.entries(r.unavailable)) lines.push(`- **${name}** did not run: ${why}`);
  if (Object.keys(r.unavailable).length) lines.push("");
  // A scenario that did not run (--scenarios) gets no section.
  const ran = (o: Record<string, unknown> | undefined) => Object.keys(o ?? {}).length > 0;
  if (ran(r.fanout)) lines.push(...roomsSection("Room fan-out", r.params.fanout, r.fanout, systems));
  if (plotFile) lines.push(`![latency percentiles, room fan-out](${plotFile})`, "");
  lines.push(...manySendersSection(r, systems));
  if (ran(r.manyRooms)) lines.push(...roomsSection("Many rooms", r.params.manyRooms, r.manyRooms, systems));
  if (ran(r.multiRoom)) lines.push(...roomsSection("Many rooms per connection (protocol 2)", r.params.multiRoom, r.multiRoom, systems));

  const imp = r.params.important;
  const impSystems = systems.filter((s) => r.important[s]);
  const ic = (f: (x: ImportantResult) => string | number) => outcomeCell((s) => r.important[s], f);
  if (impSystems.length)
    lines.push(
      "## IMPORTANT via HTTP",
      "",
      `A business service posts to 1 room × ${fmt(imp.members)} members at ${fmt(imp.rate)} msg/s for ${imp.seconds} s, ${imp.size}-byte messages ` +
        "(roomcast: POST /msg at level IMPORTANT; socket.io: the peer server's POST /msg; Centrifugo: its HTTP publish API).",
      "",
      ...table(impSystems, [
        ["posted", ic((x) => x.posted)],
        ["failed posts", ic((x) => x.failedPosts)],
        ["delivered / expected", ic((x) => `${fmt(x.delivered)} / ${fmt(x.expected)}`)],
        ["missing / dups / conns lost", ic((x) => `${x.missing} / ${x.dups} / ${x.lost}`)],
        ["p50 ms", ic((x) => x.latencyMs.p50)],
        ["p99 ms", ic((x) => x.latencyMs.p99)],
        ["p99.9 ms", ic((x) => x.latencyMs.p999)],
        ["max ms", ic((x) => x.latencyMs.max)],
        ["server CPU-s", ic((x) => x.serverCpuSec)],
      ]),
      "",
    );

  const signInSystems = systems.filter((s) => r.signIns?.[s]);
  if (signInSystems.length) {
    const sp = r.params.signIns;
    const sc = (f: (x: SignInsResult) => string | number) => outcomeCell((s) => r.signIns[s], f);
    lines.push(
      "## Sign-in storm",
      "",
      `${fmt(sp.connections)} clients connect and sign in to rooms of ${sp.roomSize}, ${sp.concurrency} at a time from each of ${sp.workers} ` +
        "load process(es). Server CPU counts every server process (a cluster's conn, logic, job, nsqd, nsqlookupd, etcd, Redis) " +
        "from the first connection until 1.5 s after the last sign-in was answered.",
      "",
      ...table(signInSystems, [
        ["signed in", sc((x) => `${fmt(x.joined)} / ${fmt(x.connections)}`)],
        ["attempts retried", sc((x) => x.retried)],
        ["sign-ins per s (wall)", sc((x) => x.signInsPerSec)],
        ["sign-ins per server CPU-s", sc((x) => x.signInsPerCpuSec)],
        ["server CPU per sign-in, µs", sc((x) => x.cpuUsPerSignIn)],
        ["server CPU when idle, CPU-s per s", sc((x) => x.idleCpuPerSec ?? "–")],
        ["… per sign-in less idle, µs", sc((x) => x.netCpuUsPerSignIn ?? "–")],
        [
          "… per process, µs",
          sc(
            (x) =>
              Object.entries(x.cpuUsPerSignInByProcess ?? {})
                .filter(([, us]) => us > 0)
                .map(([n, us]) => `${n} ${us}`)
                .join(", ") || "–",
          ),
        ],
      ]),
      "",
    );
  }

  const idleRows = (get: (s: string) => Outcome<IdleResult> | undefined) => {
    const c = (f: (x: IdleResult) => string | number) => outcomeCell(get, f);
    const base = (() => {
      const o = get(ROOMCAST);
      return o?.ok ? o.result.rssBytesPerConnection : 0;
    })();
    return [
      ["signed in", c((x) => `${fmt(x.joined)} / ${fmt(x.connections)}`)],
      ["sign-ins per s", c((x) => x.signInsPerSec)],
      ["attempts retried", c((x) => x.retried)],
      ["RSS per connection, bytes (largest process)", c((x) => x.rssBytesPerConnection)],
      ["this ÷ roomcast standalone (RSS per connection)", c((x) => ratio(x.rssBytesPerConnection, base))],
      ["connections per process", c((x) => x.processes.map((p) => fmt(p.connections)).join(" / "))],
      ["RSS before → after, MB", c((x) => x.processes.map((p) => `${p.rssBeforeMB} → ${p.rssAfterMB}`).join(" / "))],
      ["kernel TCP memory per connection, bytes", c((x) => x.kernelBytesPerConnection)],
      ["GC before readings", c((x) => (x.gc ? "yes" : "no (runtime's own)"))],
      ["closed while idle", c((x) => x.lost)],
    ] as Array<[string, (s: string) => string]>;
  };
  const idleSystems = systems.filter((s) => r.idle[s]);
  if (idleSystems.length)
    lines.push(
      "## Idle connections",
      "",
      `${fmt(r.params.idle.connections)} clients sign in (rooms of ${r.params.idle.roomSize}) and sit idle for ${r.params.idle.holdSec} s. ` +
        "Kernel memory counts both ends of each loopback connection.",
      "",
      ...table(
        idleSystems,
        idleRows((s) => r.idle[s]),
      ),
      "",
    );
  const large = Object.keys(r.idleLarge);
  if (large.length)
    lines.push(
      "### Many idle connections on one host (roomcast cluster, conn processes sharing one WebSocket port)",
      "",
      ...table(
        large,
        idleRows((s) => r.idleLarge[s]),
      ),
      "",
      "The peers are single processes per node here, and one process may hold at most 20,000 open files on this machine.",
      "",
    );
  const storms = Object.keys(r.reconnectStorm ?? {});
  if (storms.length) {
    const sp = r.params.reconnectStorm;
    const c = (f: (x: StormResult) => string | number) => outcomeCell((s) => r.reconnectStorm?.[s], f);
    lines.push(
      "## Reconnect storm (roomcast cluster)",
      "",
      `The clients sit in ${fmt(sp.rooms)} rooms with history in Redis while a service pushes ${fmt(sp.rate)} IMPORTANT msg/s over ` +
        "them; the conn processes holding every client are killed with -9, and each client reconnects 250-500 ms later to " +
        "one of as many other conn processes and recovers from its last position. CPU: each surviving server process from " +
        "the kill until every recovery was answered.",
      "",
      ...table(storms, [
        ["kill → every sign-in and recovery answered, s", c((x) => (x.allAnsweredMs / 1000).toFixed(1))],
        ["recovered / answered", c((x) => `${fmt(x.recovered)} / ${fmt(x.answered)}`)],
        ["not recovered, why", c((x) => JSON.stringify(x.notRecovered).replace(/[{}"]/g, "") || "–")],
        ["clients with every message of their room", c((x) => `${fmt(x.complete)} / ${fmt(x.clients)}`)],
        ["messages missing (of clients told unavailable)", c((x) => `${fmt(x.missing)} (${fmt(x.missingUnavailable)})`)],
        ["copies of a message a client had", c((x) => fmt(x.copies))],
        ["sign-ins answered 500 and sent again", c((x) => fmt(x.retried))],
        ["messages delivered by recoveries", c((x) => fmt(x.missedDelivered))],
        [
          "CPU-s per surviving process",
          c((x) =>
            Object.entries(x.cpuSecByProcess)
              .filter(([, s]) => s >= 0.05)
              .map(([n, s]) => `${n} ${s}`)
              .join(", "),
          ),
        ],
        ["Redis commands", c((x) => fmt(x.redisCommands))],
      ]),
      "",
    );
  }
  return lines.join("\n");
}
