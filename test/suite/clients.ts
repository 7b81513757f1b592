// The clients a suite opens against a target: signed in or not, on conn node i (round robin), in one codec, each
// terminated after its test.
import { Tokens } from "@roomcast/pkg/token";
import { RoomClient, type Codec } from "../harness/room_client";
import { TOKEN_SECRET, type Target } from "../harness/roomcast";

export const local = new Tokens({ secret: TOKEN_SECRET, ttlSec: 600 });

export function suiteClients(getTarget: () => Target, codec: Codec) {
  const clients: RoomClient[] = [];
  const ws = (i = 0) => getTarget().wsUrls[i % getTarget().wsUrls.length]!;
  const http = (i = 0) => getTarget().httpUrls[i % getTarget().httpUrls.length]!;
  const track = (c: RoomClient) => (clients.push(c), c);
  afterEach(() => {
    for (const c of clients.splice(0)) c.terminate();
  });
  return {
    ws,
    http,
    track,
    /** A signed-in client of this codec on conn node i, in `room` ("" = none). */
    join: async (i: number, uid: string, room = "") =>
      track((await RoomClient.join(ws(i), local.sign(uid), room, undefined, undefined, codec)).keepAlive(1000)),
    /** A connected client of this codec on conn node i, not signed in. */
    connect: async (i = 0) => track(await RoomClient.connect(ws(i), 5_000, undefined, undefined, codec)),
  };
}
