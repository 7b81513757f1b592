// One watch of nsqlookupd per queue, shared by its readers. It says whether nsqlookupd lists any nsqd (readers find
// nsqd only through it, so while it lists none, or does not answer, a node that reads waits for one and its /healthz
// says so; a topic nobody published to yet is not a wait), and it hands the nsqd it lists to the readers, which
// connect to those of their topic they are not connected to. One /nodes request per interval serves every topic: each
// nsqjs reader polling /lookup on its own cost a job of 17 topics a request per topic per interval.
import { networkReason } from "../lifecycle/failure";
import type { Waits } from "../lifecycle/readiness";
import type { Logger } from "../log/log";

/** An nsqd as nsqlookupd lists it: its TCP address and the topics it holds. */
export interface NsqdListed {
  host: string;
  port: number;
  topics: string[];
}

export interface LookupdWatch {
  /** Asks again in a second (a reader lost its nsqd, which may be back soon), unless a check is due sooner. */
  soon(): void;
  stop(): void;
}

const key = "nsqd through nsqlookupd";
const httpTimeoutMs = 5_000;
const soonMs = 1_000;

interface Producer {
  broadcast_address?: string;
  hostname?: string;
  tcp_port?: number;
  topics?: string[];
}

/**
 * Asks each nsqlookupd in `addrs` for its nsqd nodes now and every `intervalMs`, until stop(), and hands what they list
 * (every nsqd once, whichever nsqlookupd listed it) to `listed`.
 */
export function watchLookupd(
  addrs: string[],
  intervalMs: number,
  waits: Waits,
  log: Logger,
  listed: (nsqd: NsqdListed[]) => void = () => {},
): LookupdWatch {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let dueAt = 0;
  let checking = false;
  let waitingSince: number | undefined;

  /** Every nsqd the nsqlookupds list, and why none when none does. */
  const ask = async (): Promise<{ nsqd: NsqdListed[]; why?: string }> => {
    const reasons: string[] = [];
    const nsqd = new Map<string, NsqdListed>();
    for (const addr of addrs) {
      try {
        const res = await fetch(`http://${addr}/nodes`, { signal: AbortSignal.timeout(httpTimeoutMs) });
        if (!res.ok) {
          reasons.push(`${addr} answers HTTP ${res.status}`);
          continue;
        }
        const body = (await res.json()) as { producers?: Producer[] };
        const producers = body.producers ?? [];
        if (producers.length === 0) reasons.push(`${addr} lists none`);
        for (const p of producers) {
          const host = p.broadcast_address || p.hostname;
          if (!host || typeof p.tcp_port !== "number") continue;
          const known = nsqd.get(`${host}:${p.tcp_port}`);
          const topics = [...new Set([...(known?.topics ?? []), ...(p.topics ?? [])])];
          nsqd.set(`${host}:${p.tcp_port}`, { host, port: p.tcp_port, topics });
        }
      } catch (err) {
        const timedOut = (err as Error | undefined)?.name === "TimeoutError";
        reasons.push(`${addr}: ${timedOut ? `no answer within ${httpTimeoutMs / 1000} s` : networkReason(err)}`);
      }
    }
    return { nsqd: [...nsqd.values()], why: nsqd.size > 0 ? undefined : reasons.join("; ") };
  };

  const schedule = (ms: number) => {
    clearTimeout(timer);
    dueAt = Date.now() + ms;
    timer = setTimeout(() => void check(), ms);
  };

  const check = async () => {
    checking = true;
    const { nsqd, why } = await ask();
    checking = false;
    if (stopped) return;
    if (why === undefined) {
      if (waitingSince !== undefined) log.info({ waitedMs: Date.now() - waitingSince }, "nsq: nsqlookupd lists an nsqd again");
      waitingSince = undefined;
      waits.ready(key);
    } else {
      const what = `an nsqd listed by nsqlookupd at ${addrs.join(", ")} (${why})`;
      if (waitingSince === undefined) {
        waitingSince = Date.now();
        log.warn({ lookupd: addrs }, `nsq: waiting for ${what}; the readers keep asking nsqlookupd`);
      }
      waits.waiting(key, what);
    }
    schedule(intervalMs);
    listed(nsqd);
  };
  void check();
  return {
    soon() {
      if (!stopped && !checking && dueAt - Date.now() > soonMs) schedule(soonMs);
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      waits.ready(key);
    },
  };
}
