// The queue contract against real nsqd and nsqlookupd processes.
import { NsqQueue } from "@roomcast/pkg/queue";
import { queueContract } from "../pkg/queue/contract";
import { startNsq, type Nsq } from "./harness/nsq";

let nsq: Nsq;
beforeAll(async () => {
  nsq = await startNsq();
}, 30_000);
afterAll(async () => {
  await nsq?.stop();
});

const make = (clientId: string) =>
  new NsqQueue({
    nsqdTcpAddress: nsq.nsqdTcp,
    nsqdHttpAddress: nsq.nsqdHttp,
    lookupdHttpAddresses: [nsq.lookupdHttp],
    lookupdPollIntervalSec: 1,
    clientId,
  });

queueContract(
  "nsq",
  async () => {
    const queue = make("a");
    const other = make("b");
    return {
      queue,
      other,
      async cleanup() {
        await other.close();
        await queue.close();
      },
    };
  },
  20_000,
);
