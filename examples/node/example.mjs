// example.mjs: join the room "lobby" as alice, say hi, wait for the hi to come back, leave.
import WebSocket from "ws"; // Node 20 has no WebSocket of its own; in a browser leave the WebSocket option out
import { RoomcastClient } from "@roomcast/client";

// pnpm start's ports; RC_WS_URL and RC_HTTP_URL point the example at another server.
const wsUrl = process.env.RC_WS_URL ?? "ws://127.0.0.1:3102/room";
const httpUrl = process.env.RC_HTTP_URL ?? "http://127.0.0.1:3111";

const client = new RoomcastClient({
  url: wsUrl, // or a list of conn nodes: each reconnect attempt moves on to the next (GET /nodes on logic lists them)
  room: "lobby",
  // A string, or a function called before every sign-in (so a reconnect can fetch a fresh token).
  token: async () => {
    const r = await fetch(`${httpUrl}/tk`, { method: "POST", body: JSON.stringify({ uid: "alice" }) });
    if (!r.ok) throw new Error(`POST ${httpUrl}/tk answered ${r.status} ${await r.text()}`);
    return (await r.json()).data;
  },
  WebSocket,
});

client.on("message", (m) => console.log(m.important ? "IMPORTANT" : "normal", m.room, m.text()));
client.on("reconnecting", ({ attempt, delayMs, url }) => console.log(`retry ${attempt} to ${url} in ${delayMs} ms`));
client.on("error", (err) => console.log(`${err.name}: ${err.message}`)); // e.g. ProtocolError 104 when sending too fast

try {
  await client.connect(); // resolves once signed in; rejects if the server refuses for good (e.g. 101 for a fixed token)
  console.log("signed in to", client.room);

  // A message comes back to every member, alice included, in the next delivery batch (every 20 ms):
  // wait for that echo before leaving, or close() would come first.
  const hi = JSON.stringify({ from: "alice", text: "hi" });
  const echo = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no echo within 5 s")), 5_000);
    client.on("message", (m) => {
      if (m.text() !== hi) return;
      clearTimeout(timer);
      resolve();
    });
  });
  client.send(hi);
  await echo;
} finally {
  client.close(); // leaves for good: no more reconnects
}
console.log("left", client.room);
