// Recovery and reconnect-storm bench (issues 15, 16) on its own: scenarios/reconnect_storm.ts, printed as lines.
//   pnpm bench:recovery [--clients 10000] [--rooms 100] [--rate 200] [--killed 1] [--cpu-prof dir]
import * as path from "node:path";
import { program } from "commander";
import { reconnectStorm } from "./scenarios/reconnect_storm";

async function main(): Promise<void> {
  program
    .option("--clients <n>", "clients, all on the node that is killed", (v) => Number(v), 10_000)
    .option("--rooms <n>", "rooms the clients share", (v) => Number(v), 100)
    .option("--rate <n>", "IMPORTANT messages per second from the service, over all rooms", (v) => Number(v), 200)
    .option("--cpu-prof <dir>", "write V8 CPU profiles of the roomcast processes into <dir>")
    .option("--killed <n>", "conn processes that hold the clients and are killed together (as many others take them)", (v) => Number(v), 1)
    .parse();
  const o = program.opts<{ clients: number; rooms: number; rate: number; killed: number; cpuProf?: string }>();
  const r = await reconnectStorm(o, o.cpuProf ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(o.cpuProf)}`] : []);
  const cpu = Object.entries(r.cpuSecByProcess)
    .map(([name, s]) => `${name} ${s.toFixed(2)} s`)
    .join(", ");
  console.log(
    [
      `clients lost: ${r.lost} of ${r.clients}; recovery answered: ${r.answered}; recovered: ${r.recovered}; not: ${JSON.stringify(r.notRecovered)}`,
      `time from the kill until every client's recovery was answered: ${r.allAnsweredMs.toLocaleString("en")} ms`,
      `messages delivered by recoveries: ${r.missedDelivered.toLocaleString("en")}; copies of a message a client had (an SDK drops them by offset): ${r.copies}; sign-ins answered 500 and tried again: ${r.retried}`,
      `pushed ${r.pushed} (refused ${r.pushesRefused}); clients with every message of their room: ${r.complete} of ${r.clients}; messages missing: ${r.missing} (of clients told "unavailable": ${r.missingUnavailable})`,
      `CPU from the kill until all answered (${(r.allAnsweredMs / 1000).toFixed(2)} s): ${cpu}`,
      `Redis commands meanwhile: ${r.redisCommands.toLocaleString("en")}`,
    ].join("\n"),
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
