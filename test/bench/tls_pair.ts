// The cluster with and without TLS on its internal links, side by side, in a few minutes (the note
// test/bench/results/2026-11-29-tls.md): one rooms scenario (fan-out: 1 room x 1,000; MANY=1: 200 rooms x 10) at
// small steps, for each system key given, in the order given (alternate them to see the noise).
// Usage: node --import tsx test/bench/tls_pair.ts cluster cluster-tls cluster cluster-tls
import { rooms, type RoomsParams } from "./scenarios/rooms";
import { roomcastCluster } from "./systems/roomcast";
import { waitForQuiet } from "./procfs";
import { killAll } from "../harness/proc";

/** What both shapes share: quick 3 s steps, 64-byte bodies, one load-generator process. */
const step = { stepSec: 3, warmupSec: 1, size: 64, minGrowth: -1, workers: 1, localAddresses: 1 };
const p: RoomsParams = process.env.MANY
  ? { ...step, rooms: 200, members: 10, publishers: 1, rates: [500, 1000, 2000] }
  : { ...step, rooms: 1, members: 1000, publishers: 2, rates: [100, 200, 400] };

async function main() {
  const order = process.argv.slice(2);
  for (const key of order) {
    const sut = await roomcastCluster({ conns: 2, sharedWsPort: true, tls: key === "cluster-tls" });
    try {
      await waitForQuiet(sut.pids);
      const r = await rooms(sut, p);
      for (const s of r.steps)
        console.log(
          JSON.stringify({
            key,
            offered: s.offeredPerSec,
            delivered: s.deliveredPerSec,
            missing: s.missing,
            dups: s.dups,
            lost: s.lost,
            cpu: +s.serverCpuSec.toFixed(2),
            perCpu: Math.round(s.msgsPerCpuSec),
            p50: s.latencyMs.p50,
            p99: s.latencyMs.p99,
            behind: s.behindSec,
            perFrame: s.msgsPerFrame,
          }),
        );
    } finally {
      await sut.stop();
    }
  }
}
main().then(
  () => killAll(),
  (e) => {
    console.error(e);
    killAll();
    process.exit(1);
  },
);
