// pnpm bench: starts each system, drives it with the load generator, prints and writes the results.
import * as os from "node:os";
import * as path from "node:path";
import { mkdirSync, writeFileSync } from "node:fs";
import { Command } from "commander";
import { LoadPool } from "./loadgen/pool";
import { fanout, type FanoutParams } from "./scenarios/fanout";
import { roomcastStandalone } from "./systems/roomcast";
import { fanoutTable } from "./report";

export interface BenchOptions {
  quick: boolean;
  out: string;
}

/** Source addresses for the clients: 127.0.0.1 … 127.0.0.n, so more than ~28k sockets fit per target port. */
const localAddresses = (n: number) => Array.from({ length: n }, (_, i) => `127.0.0.${i + 1}`);

export function fanoutParams(quick: boolean): FanoutParams {
  return quick
    ? { members: 200, publishers: 2, rates: [50, 200], stepSec: 2, size: 64, minGrowth: -1 }
    : { members: 5_000, publishers: 4, rates: [50, 100, 200, 400, 800, 1_600], stepSec: 10, size: 64, minGrowth: 0.05 };
}

export async function runBench(o: BenchOptions) {
  const started = new Date();
  const params = fanoutParams(o.quick);
  const pool = LoadPool.start(o.quick ? 1 : 2);
  const sut = await roomcastStandalone();
  try {
    console.log(`fan-out on ${sut.name}: ${JSON.stringify(params)}`);
    const r = await fanout(sut, pool, params, localAddresses(o.quick ? 1 : 4));
    const results = {
      date: started.toISOString(),
      cores: os.cpus().length,
      quick: o.quick,
      fanout: { params, systems: { [sut.name]: r } },
    };
    const md = [
      `# roomcast bench ${started.toISOString().slice(0, 10)} (${results.cores} cores${o.quick ? ", quick" : ""})`,
      "",
      fanoutTable(results.fanout),
      "",
    ].join("\n");
    mkdirSync(o.out, { recursive: true });
    const stem = path.join(o.out, `${started.toISOString().slice(0, 10)}-${results.cores}cores${o.quick ? "-quick" : ""}`);
    writeFileSync(`${stem}.json`, JSON.stringify(results, null, 2));
    writeFileSync(`${stem}.md`, md);
    console.log(md);
    console.log(`written: ${stem}.md, ${stem}.json`);
    return results;
  } finally {
    await pool.close();
    await sut.stop();
  }
}

if (require.main === module) {
  const program = new Command("bench")
    .description("roomcast benchmark harness")
    .option("--quick", "every scenario at a small size (under two minutes)", false)
    .option("--out <dir>", "where results go", path.join(__dirname, "results"))
    .parse();
  runBench(program.opts<BenchOptions>()).catch((err: unknown) => {
    console.error("bench failed:", err);
    process.exit(1);
  });
}
