import { Readiness } from "./readiness";

describe("Readiness", () => {
  it("is ok while nothing is waited for, and names each wait until it is over", () => {
    const r = new Readiness();
    expect(r.health()).toEqual({ ok: true });
    r.waiting("etcd", "etcd at 127.0.0.1:2379: registering conn node conn-0");
    r.waiting("nsqd", "nsqd's HTTP API at 127.0.0.1:4151: creating topics roomcast.important");
    // A wait told again is one wait, with its latest words.
    r.waiting("etcd", "etcd at 127.0.0.1:2379: registering conn node conn-0 (again)");
    expect(r.health()).toEqual({
      ok: false,
      waitingFor: [
        "etcd at 127.0.0.1:2379: registering conn node conn-0 (again)",
        "nsqd's HTTP API at 127.0.0.1:4151: creating topics roomcast.important",
      ],
    });
    r.ready("etcd");
    r.ready("nsqd");
    r.ready("never waited");
    expect(r.health()).toEqual({ ok: true });
  });

  it("keeps a node's own health fields, and is not ok when either says not ok", () => {
    const r = new Readiness();
    expect(r.health({ ok: true, connections: 3 })).toEqual({ ok: true, connections: 3 });
    expect(r.health({ ok: false, connections: 3 })).toEqual({ ok: false, connections: 3 });
    r.waiting("etcd", "etcd");
    expect(r.health({ ok: true, connections: 3 })).toEqual({ ok: false, connections: 3, waitingFor: ["etcd"] });
  });
});
