// Whether nsqlookupd lists any nsqd: readers find nsqd only through it, so while it lists none (nsqd down) or does not
// answer, a node that reads waits for one, and its /healthz says so. A topic nobody published to yet is not a wait.
import { networkReason } from "../lifecycle/failure";
import type { Waits } from "../lifecycle/readiness";
import type { Logger } from "../log/log";

export interface LookupdWatch {
  stop(): void;
}

const key = "nsqd through nsqlookupd";
const httpTimeoutMs = 5_000;

/** Asks each nsqlookupd in `addrs` for its nsqd nodes now and every `intervalMs`, until stop(). */
export function watchLookupd(addrs: string[], intervalMs: number, waits: Waits, log: Logger): LookupdWatch {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let waitingSince: number | undefined;

  /** Undefined when some nsqlookupd lists an nsqd; otherwise why not, for each of them. */
  const whyNone = async (): Promise<string | undefined> => {
    const reasons: string[] = [];
    for (const addr of addrs) {
      try {
        const res = await fetch(`http://${addr}/nodes`, { signal: AbortSignal.timeout(httpTimeoutMs) });
        if (!res.ok) {
          reasons.push(`${addr} answers HTTP ${res.status}`);
          continue;
        }
        const body = (await res.json()) as { producers?: unknown[] };
        if ((body.producers?.length ?? 0) > 0) return undefined;
        reasons.push(`${addr} lists none`);
      } catch (err) {
        const timedOut = (err as Error | undefined)?.name === "TimeoutError";
        reasons.push(`${addr}: ${timedOut ? `no answer within ${httpTimeoutMs / 1000} s` : networkReason(err)}`);
      }
    }
    return reasons.join("; ");
  };

  const check = async () => {
    const why = await whyNone();
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
    timer = setTimeout(() => void check(), intervalMs);
  };
  void check();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
      waits.ready(key);
    },
  };
}
