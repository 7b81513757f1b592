// Real nsqlookupd and nsqd processes on loopback ports the kernel picks (port 0: no other process can take them
// between a pick and the bind), data in a temp folder removed on stop.
import * as path from "node:path";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { findBinary } from "./bin";
import { startProc, type Proc } from "./proc";
import type { Pki } from "./pki";

export interface Nsq {
  /** The in-memory nsqd for NORMAL messages, with NsqOptions.normalNsqd. */
  normalNsqdTcp?: string;
  normalNsqdHttp?: string;
  /** The in-memory nsqd's process, with NsqOptions.normalNsqd. */
  normalNsqd?: Proc;
  nsqdTcp: string;
  nsqdHttp: string;
  lookupdTcp: string;
  lookupdHttp: string;
  /** The second nsqd on disk, with NsqOptions.secondNsqd (logic's queue.secondNsqdTcp). */
  secondNsqdTcp?: string;
  secondNsqdHttp?: string;
  nsqd: Proc;
  secondNsqd?: Proc;
  lookupd: Proc;
  /**
   * Stops nsqd (or the second one) and starts it again on the same ports and data; `nsqd` (`secondNsqd`) is the new
   * process afterwards.
   */
  restartNsqd(which?: "first" | "second"): Promise<void>;
  /** Stops nsqd, then nsqlookupd, and removes the data folder. */
  stop(): Promise<void>;
}

export interface NsqOptions {
  /** A second nsqd, in memory (nsqd's defaults), for NORMAL messages, as pnpm cluster runs it (logic's queue.normalNsqdTcp). */
  normalNsqd?: boolean;
  /** A second nsqd on disk that logic publishes every IMPORTANT message to as well (queue.secondNsqdTcp). */
  secondNsqd?: boolean;
  /** nsqd -msg-timeout: how long an unanswered message stays with a consumer (default 10s, so killed consumers' messages return soon). */
  msgTimeout?: string;
  /** More nsqd flags. */
  nsqdArgs?: string[];
  /** nsqd requires TLS with a client certificate the CA signed (TCP and HTTP); nsqdHttp is then its HTTPS address. */
  tls?: Pki;
}

/**
 * The ports a process bound, from its own "TCP: listening on 127.0.0.1:PORT" and "HTTP: listening on …" lines
 * (nsqd and nsqlookupd print them once they listen); rejects if the process exits first.
 */
async function listening(p: Proc, https = false): Promise<{ tcp: number; http: number }> {
  const port = async (what: string) => {
    const re = new RegExp(`${what}: listening on 127\\.0\\.0\\.1:(\\d+)`);
    await p.waitFor(re, 15_000);
    return Number(re.exec(p.output())![1]);
  };
  const [tcp, http] = await Promise.all([port("TCP"), port(https ? "HTTPS" : "HTTP")]);
  return { tcp, http };
}

export async function startNsq(opts: NsqOptions = {}): Promise<Nsq> {
  const dir = mkdtempSync(path.join(tmpdir(), "roomcast-nsq-"));
  const started: Proc[] = [];
  try {
    const lookupd = startProc("nsqlookupd", findBinary("nsqlookupd"), [
      "-tcp-address=127.0.0.1:0",
      "-http-address=127.0.0.1:0",
      "-broadcast-address=127.0.0.1",
    ]);
    started.push(lookupd);
    const { tcp: lt, http: lh } = await listening(lookupd);
    // nsqd registers with nsqlookupd the ports it really listens on.
    const t = opts.tls;
    // With TLS, the HTTP API the nodes use is the HTTPS one; the plain one refuses (-tls-required). `onDisk`: as
    // roomcast runs the nsqd for IMPORTANT messages; off, nsqd's in-memory defaults (the one for NORMAL messages).
    const nsqdArgs = (tcp: number, http: number, data: string, onDisk = true) => [
      `-tcp-address=127.0.0.1:${tcp}`,
      ...(t
        ? [
            "-http-address=127.0.0.1:0",
            `-https-address=127.0.0.1:${http}`,
            `-tls-cert=${t.cert}`,
            `-tls-key=${t.key}`,
            `-tls-root-ca-file=${t.ca}`,
            "-tls-client-auth-policy=require-verify",
            "-tls-required=true",
          ]
        : [`-http-address=127.0.0.1:${http}`]),
      "-broadcast-address=127.0.0.1",
      `-lookupd-tcp-address=127.0.0.1:${lt}`,
      `-data-path=${data}`,
      // Every message written to nsqd's disk queue before it acknowledges it, and synced within 100 ms, as roomcast
      // runs nsqd (README, "Production"): a restart on its data keeps what was queued (test/fault.nsqd.test.ts).
      ...(onDisk ? ["-mem-queue-size=0", "-sync-timeout=100ms"] : []),
      `-msg-timeout=${opts.msgTimeout ?? "10s"}`,
      ...(opts.nsqdArgs ?? []),
    ];
    const nsqd = startProc("nsqd", findBinary("nsqd"), nsqdArgs(0, 0, dir));
    started.push(nsqd);
    const { tcp: nt, http: nh } = await listening(nsqd, !!t);
    // The same flags on a data folder of its own.
    const secondArgs = (tcp: number, http: number) => nsqdArgs(tcp, http, path.join(dir, "second"));
    let second: { tcp: number; http: number } | undefined;
    let secondProc: Proc | undefined;
    if (opts.secondNsqd) {
      mkdirSync(path.join(dir, "second"));
      secondProc = startProc("nsqd-second", findBinary("nsqd"), secondArgs(0, 0));
      started.push(secondProc);
      second = await listening(secondProc, !!t);
    }
    let normal: { proc: Proc; tcp: number; http: number } | undefined;
    if (opts.normalNsqd) {
      mkdirSync(path.join(dir, "normal"));
      const proc = startProc("nsqd-normal", findBinary("nsqd"), nsqdArgs(0, 0, path.join(dir, "normal"), false));
      started.push(proc);
      normal = { proc, ...(await listening(proc, !!t)) };
    }
    const nsq: Nsq = {
      nsqdTcp: `127.0.0.1:${nt}`,
      nsqdHttp: `127.0.0.1:${nh}`,
      lookupdTcp: `127.0.0.1:${lt}`,
      lookupdHttp: `127.0.0.1:${lh}`,
      ...(normal ? { normalNsqdTcp: `127.0.0.1:${normal.tcp}`, normalNsqdHttp: `127.0.0.1:${normal.http}` } : {}),
      ...(second ? { secondNsqdTcp: `127.0.0.1:${second.tcp}`, secondNsqdHttp: `127.0.0.1:${second.http}` } : {}),
      nsqd,
      ...(secondProc ? { secondNsqd: secondProc } : {}),
      ...(normal ? { normalNsqd: normal.proc } : {}),
      lookupd,
      async restartNsqd(which = "first") {
        // The same ports, as an operator's restart would: clients hold these addresses.
        if (which === "second") {
          if (!second) throw new Error("restartNsqd: no second nsqd (NsqOptions.secondNsqd)");
          await nsq.secondNsqd?.stop();
          nsq.secondNsqd = startProc("nsqd-second", findBinary("nsqd"), secondArgs(second.tcp, second.http));
          await listening(nsq.secondNsqd, !!t);
          return;
        }
        await nsq.nsqd.stop();
        nsq.nsqd = startProc("nsqd", findBinary("nsqd"), nsqdArgs(nt, nh, dir));
        await listening(nsq.nsqd, !!t);
      },
      async stop() {
        await nsq.nsqd.stop();
        await nsq.secondNsqd?.stop();
        await normal?.proc.stop();
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
