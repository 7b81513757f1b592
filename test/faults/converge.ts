// Whether the cluster's views agree with what is true: MEMBERS (asked through a member on each conn node) counts
// every member signed in to the room, and every logic node's GET /nodes lists every conn node.
import type { FaultCluster } from "./cluster";
import type { Member, RoomTraffic } from "./traffic";
import { sleep } from "../support/wait";

/** Clients whose MEMBERS question timed out: a late answer would be read as the next one's, so they ask no more. */
const mute = new WeakSet<Member>();

async function membersSeen(t: RoomTraffic, node: number, want: number): Promise<string | undefined> {
  const asker = t.openMembers().find((m) => m.node === node && !mute.has(m));
  if (!asker) return `no member on conn-${node} to ask MEMBERS`;
  try {
    const n = await asker.client.members(2_000);
    return n === want ? undefined : `MEMBERS on conn-${node} = ${n}, want ${want}`;
  } catch (err) {
    mute.add(asker);
    return `MEMBERS on conn-${node}: ${(err as Error).message}`;
  }
}

async function nodesListed(httpUrl: string, want: string[]): Promise<string | undefined> {
  try {
    const res = await fetch(`${httpUrl}/nodes`, { signal: AbortSignal.timeout(2_000) });
    const body = (await res.json()) as { data?: { nodes?: string[] } };
    const got = [...(body.data?.nodes ?? [])].sort();
    return JSON.stringify(got) === JSON.stringify(want) ? undefined : `GET ${httpUrl}/nodes = ${JSON.stringify(got)}`;
  } catch (err) {
    return `GET ${httpUrl}/nodes: ${(err as Error).message}`;
  }
}

/** undefined when every view is right now (conn nodes `up` listed and asked, no other), else what is wrong. */
export async function divergence(c: FaultCluster, t: RoomTraffic, up = [0, 1]): Promise<string | undefined> {
  const want = t.openMembers().length;
  const wrong = await Promise.all([
    ...up.map((node) => membersSeen(t, node, want)),
    ...c.httpUrls.map((u) => nodesListed(u, up.map((node) => c.wsUrls[node]!).sort())),
  ]);
  const found = wrong.filter((w): w is string => w !== undefined);
  return found.length ? found.join("; ") : undefined;
}

export interface Convergence {
  /** ms from `since` to the first poll (started then) that found every view right; undefined: not within waitMs. */
  ms?: number;
  /** What the last poll that failed found. */
  last?: string;
}

/** Polls divergence() from `since` until it holds or waitMs passes; a poll counts at the time it started. */
export async function watchConvergence(
  c: FaultCluster,
  t: RoomTraffic,
  since: number,
  waitMs: number,
  up?: number[],
): Promise<Convergence> {
  let last: string | undefined;
  while (Date.now() - since < waitMs) {
    const started = Date.now();
    const wrong = await divergence(c, t, up);
    if (!wrong) return { ms: Math.max(0, started - since), last };
    last = wrong;
    await sleep(100);
  }
  return { last };
}
