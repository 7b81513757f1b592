// Real nsqlookupd and nsqd processes on free loopback ports, data in a temp folder removed on stop.
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
  /** Stops nsqd and starts it again on the same ports and data; `nsqd` is the new process afterwards. */
  restartNsqd(): Promise<void>;
  /** Stops nsqd, then nsqlookupd, and removes the data folder. */
  stop(): Promise<void>;
}

export interface NsqOptions {
  /** nsqd -msg-timeout: how long an unanswered message stays with a consumer (default 10s, so killed consumers' messages return soon). */
  msgTimeout?: string;
  /** More nsqd flags. */
  nsqdArgs?: string[];
}

export async function startNsq(opts: NsqOptions = {}): Promise<Nsq> {
  const dir = mkdtempSync(path.join(tmpdir(), "roomcast-nsq-"));
  const [lt, lh, nt, nh] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const started: Proc[] = [];
  try {
    const lookupd = startProc("nsqlookupd", findBinary("nsqlookupd"), [
      `-tcp-address=127.0.0.1:${lt}`,
      `-http-address=127.0.0.1:${lh}`,
      "-broadcast-address=127.0.0.1",
    ]);
    started.push(lookupd);
    await Promise.all([waitForPort(lt), waitForPort(lh)]);
    const nsqdArgs = [
      `-tcp-address=127.0.0.1:${nt}`,
      `-http-address=127.0.0.1:${nh}`,
      "-broadcast-address=127.0.0.1",
      `-lookupd-tcp-address=127.0.0.1:${lt}`,
      `-data-path=${dir}`,
      `-msg-timeout=${opts.msgTimeout ?? "10s"}`,
      ...(opts.nsqdArgs ?? []),
    ];
    const nsqd = startProc("nsqd", findBinary("nsqd"), nsqdArgs);
    started.push(nsqd);
    await Promise.all([waitForPort(nt), waitForPort(nh)]);
    const nsq: Nsq = {
      nsqdTcp: `127.0.0.1:${nt}`,
      nsqdHttp: `127.0.0.1:${nh}`,
      lookupdTcp: `127.0.0.1:${lt}`,
      lookupdHttp: `127.0.0.1:${lh}`,
      nsqd,
      lookupd,
      async restartNsqd() {
        await nsq.nsqd.stop();
        nsq.nsqd = startProc("nsqd", findBinary("nsqd"), nsqdArgs);
        await Promise.all([waitForPort(nt), waitForPort(nh)]);
      },
      async stop() {
        await nsq.nsqd.stop();
        await lookupd.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
    return nsq;
  } catch (err) {
    await Promise.all(started.map((p) => p.kill9()));
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}
