// A cluster with TLS on every internal link: gRPC with client certificates (mTLS), etcd over TLS with client
// certificates and user/password, nsqd requiring TLS with client certificates. A throwaway CA from openssl.
import * as path from "node:path";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { Etcd3 } from "etcd3";
import { connService, type PushAck__Output, type PushReq } from "@roomcast/api";
import { MsgLevel, packMessages } from "@roomcast/pkg/protocol";
import { grpc, clientOptions, channelCredentials } from "@roomcast/pkg/rpc";
import { Tokens } from "@roomcast/pkg/token";
import { RoomClient } from "./harness/room_client";
import { TOKEN_SECRET } from "./harness/roomcast";
import { startCluster, type Cluster } from "./harness/cluster";
import { makePki, type Pki } from "./harness/pki";
import { protocolSuite } from "./suite/protocol";
import { protocol2Suite } from "./suite/protocol2";

let cluster: Cluster;
let otherCa: Pki;
const scratch = mkdtempSync(path.join(tmpdir(), "roomcast-tls-test-"));
const tokens = new Tokens({ secret: TOKEN_SECRET, ttlSec: 600 });

beforeAll(async () => {
  otherCa = makePki(path.join(scratch, "other"));
  // The protocol 2 suite's rooms "events-*" get presence events; PRESENCE asks the other conn node over mTLS.
  cluster = await startCluster({
    conns: 2,
    logics: 2,
    jobs: 2,
    ttlSec: 3,
    tls: true,
    connEnv: { ROOMCAST_CONN_WS_PRESENCE_EVENTS: "events-*" },
  });
}, 120_000);

afterAll(async () => {
  await cluster?.stop();
  rmSync(scratch, { recursive: true, force: true });
}, 60_000);

/** One push to conn-0's gRPC port as job sends it (PushStream), with the given credentials: its ack, or the error. */
function pushToConn0(credentials: grpc.ChannelCredentials, roomID: string, text: string): Promise<PushAck__Output> {
  const Client = connService();
  const client = new Client(cluster.connGrpcAddrs[0]!, credentials, clientOptions);
  return new Promise<PushAck__Output>((resolve, reject) => {
    const stream = client.PushStream();
    const timer = setTimeout(() => reject(new Error("no ack within 5 s")), 5_000);
    stream.on("data", (ack: PushAck__Output) => resolve(ack));
    stream.on("error", reject);
    const req: PushReq = {
      id: 1,
      rooms: [
        {
          roomID,
          msgLv: MsgLevel.IMPORTANT,
          packed: Buffer.from(packMessages([Buffer.from(text)])),
          count: 1,
          ids: [],
          types: [],
          epoch: "",
          first: "0",
        },
      ],
    };
    stream.write(req);
    void timer;
  }).finally(() => client.close());
}

describe("TLS cluster", () => {
  it("etcd takes no client without a certificate, nor one without a password", async () => {
    const { ca, cert, key } = cluster.pki!.files();
    const noCert = new Etcd3({ hosts: `https://${cluster.etcdEndpoint}`, credentials: { rootCertificate: ca } });
    const noPassword = new Etcd3({
      hosts: `https://${cluster.etcdEndpoint}`,
      credentials: { rootCertificate: ca, certChain: cert, privateKey: key },
    });
    try {
      await expect(noCert.getAll().prefix("/roomcast/").keys()).rejects.toThrow();
      // With the certificate but no password: etcd takes the certificate's CN ("roomcast-node") as the user, which has no rights.
      const keys = await noPassword
        .getAll()
        .prefix("/roomcast/")
        .keys()
        .catch((err: Error) => err);
      expect(keys).toBeInstanceOf(Error);
    } finally {
      noCert.close();
      noPassword.close();
    }
  }, 20_000);

  describe("a conn node with gRPC TLS", () => {
    let member: RoomClient | undefined;
    afterEach(() => member?.terminate());

    it("refuses a push from a client with no certificate, or with one another CA signed; the member gets nothing", async () => {
      const roomID = `tls-refused-${Math.random().toString(36).slice(2, 8)}`;
      member = (await RoomClient.join(cluster.wsUrls[0]!, tokens.sign("bob"), roomID)).keepAlive(1000);
      const { ca } = cluster.pki!.files();
      const other = otherCa.files();
      // Plaintext, TLS without a client certificate, and TLS with a certificate of another CA (the server is trusted).
      await expect(pushToConn0(grpc.credentials.createInsecure(), roomID, "plain")).rejects.toMatchObject({
        code: grpc.status.UNAVAILABLE,
      });
      await expect(pushToConn0(grpc.credentials.createSsl(ca), roomID, "no-cert")).rejects.toMatchObject({ code: grpc.status.UNAVAILABLE });
      await expect(pushToConn0(grpc.credentials.createSsl(ca, other.key, other.cert), roomID, "other-ca")).rejects.toMatchObject({
        code: grpc.status.UNAVAILABLE,
      });
      await expect(member.waitForMessages(1, 1_000)).rejects.toThrow(/only 0 messages/);
    }, 30_000);

    it("takes a push from a client with the cluster's certificate, and the member gets it", async () => {
      const roomID = `tls-taken-${Math.random().toString(36).slice(2, 8)}`;
      member = (await RoomClient.join(cluster.wsUrls[0]!, tokens.sign("bob"), roomID)).keepAlive(1000);
      const ack = await pushToConn0(channelCredentials(cluster.pki!.files()), roomID, "with-cert");
      expect(ack).toMatchObject({ id: 1, delivered: 1, error: "" });
      const [got] = await member.waitForMessages(1);
      expect(got).toMatchObject({ roomID, text: "with-cert" });
    }, 30_000);
  });

  protocolSuite(() => cluster);
  protocol2Suite(() => cluster, "proto");
});
