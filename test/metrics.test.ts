// What an operator scrapes: Prometheus types that match the names (counters end in _total, nothing else does),
// and counters that count each event once however often they are scraped.
import { Tokens } from "@roomcast/pkg/token";
import { RoomClient } from "./harness/room_client";
import { startStandalone, TOKEN_SECRET, type Target } from "./harness/roomcast";

let target: Target;
beforeAll(async () => {
  target = await startStandalone();
}, 60_000);
afterAll(async () => {
  await target?.stop();
});

async function scrape(): Promise<{ types: Map<string, string>; value(name: string): number | undefined }> {
  const text = await (await fetch(`${target.opsUrls[0]}/metrics`)).text();
  const types = new Map<string, string>();
  for (const m of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) types.set(m[1]!, m[2]!);
  return {
    types,
    value(name) {
      const line = text.split("\n").find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
      return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(" ") + 1));
    },
  };
}

describe("metrics", () => {
  it("every roomcast metric named _total is a counter, and every roomcast counter is named _total", async () => {
    const { types } = await scrape();
    const ours = [...types].filter(([name]) => name.startsWith("roomcast_"));
    expect(ours.map(([name]) => name)).toEqual(expect.arrayContaining(["roomcast_conn_sign_ins_total", "roomcast_conn_connections"]));
    const wrong = ours.filter(([name, type]) => name.endsWith("_total") !== (type === "counter"));
    expect(wrong).toEqual([]);
  });

  it("a sign-in counts once in roomcast_conn_sign_ins_total, however many scrapes come between", async () => {
    const before = (await scrape()).value("roomcast_conn_sign_ins_total");
    expect(typeof before).toBe("number");
    await scrape();
    const tokens = new Tokens({ secret: TOKEN_SECRET, ttlSec: 60 });
    const client = await RoomClient.join(target.wsUrls[0]!, tokens.sign("metrics-user"), "metrics-room");
    try {
      await scrape();
      expect((await scrape()).value("roomcast_conn_sign_ins_total")).toBe(before! + 1);
    } finally {
      client.terminate();
    }
  });
});
