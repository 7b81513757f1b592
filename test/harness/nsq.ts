// Real nsqlookupd and nsqd processes on free loopback ports, data in a temp folder.
import * as path from "node:path";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { findBinary } from "./bin";
import { startProc, freePort, waitForPort, type Proc } from "./proc";

export interface Nsq {
  nsqdTcp: string;
  nsqdHttp: string;
  lookupdTcp: string;
  lookupdHttp: string;
  nsqd: Proc;
  lookupd: Proc;
  stop(): Promise<void>;
}

export async function startNsq(): Promise<Nsq> {
  const dir = mkdtempSync(path.join(tmpdir(), "roomcast-nsq-"));
  const [lt, lh, nt, nh] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const lookupd = startProc("nsqlookupd", findBinary("nsqlookupd"), [
    `-tcp-address=127.0.0.1:${lt}`,
    `-http-address=127.0.0.1:${lh}`,
    "-broadcast-address=127.0.0.1",
  ]);
  await waitForPort(lh);
  const nsqd = startProc("nsqd", findBinary("nsqd"), [
    `-tcp-address=127.0.0.1:${nt}`,
    `-http-address=127.0.0.1:${nh}`,
    "-broadcast-address=127.0.0.1",
    `-lookupd-tcp-address=127.0.0.1:${lt}`,
    `-data-path=${dir}`,
    // A dead consumer's in-flight messages come back after this long (tests kill consumers).
    "-msg-timeout=10s",
  ]);
  await waitForPort(nh);
  await waitForPort(nt);
  return {
    nsqdTcp: `127.0.0.1:${nt}`,
    nsqdHttp: `127.0.0.1:${nh}`,
    lookupdTcp: `127.0.0.1:${lt}`,
    lookupdHttp: `127.0.0.1:${lh}`,
    nsqd,
    lookupd,
    async stop() {
      await nsqd.stop();
      await lookupd.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
