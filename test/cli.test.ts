// The roomcast command line against standalone: what an operator types and sees.
import * as path from "node:path";
import { execFile } from "node:child_process";
import { Tokens } from "@roomcast/pkg/token";
import { repoRoot } from "./harness/bin";
import { startProc, killAll, freePort } from "./harness/proc";
import { startStandalone, TOKEN_SECRET, type Target } from "./harness/roomcast";
import { RoomClient } from "./harness/room_client";

jest.setTimeout(60_000);

let target: Target;
beforeAll(async () => {
  target = await startStandalone();
});
afterAll(async () => {
  await target?.stop();
  await killAll();
});

const cliArgs = (args: string[]) => ["--import", "tsx", path.join(repoRoot, "cmd/roomcast/main.ts"), "--http", target.httpUrls[0], ...args];
const env = { ...process.env, ROOMCAST_LOGIC_TOKEN_SECRET: TOKEN_SECRET };

/** Runs the CLI to its end; `code` is its exit status, or how it ended otherwise (a signal, the 30 s limit). */
function cli(...args: string[]): Promise<{ code: number | string; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, cliArgs(args), { cwd: repoRoot, env, timeout: 30_000 }, (err, stdout, stderr) => {
      const e = err as (Error & { code?: number | string; signal?: string | null }) | null;
      resolve({ code: !e ? 0 : typeof e.code === "number" ? e.code : `${e.code ?? ""} ${e.signal ?? ""}`.trim(), stdout, stderr });
    });
  });
}

const room = (tag: string) => `cli-${tag}-${Date.now()}`;
const verifier = new Tokens({ secret: TOKEN_SECRET, ttlSec: 60 });

describe("roomcast CLI", () => {
  it("token mints a token from the configured secret, with scope push when asked", async () => {
    const plain = await cli("token", "alice");
    expect(plain.code).toBe(0);
    expect(verifier.verify(plain.stdout.trim())).toMatchObject({ uid: "alice" });
    expect(verifier.verify(plain.stdout.trim()).scope).toBeUndefined();
    const push = await cli("token", "billing", "--push", "--ttl", "120");
    const claims = verifier.verify(push.stdout.trim());
    expect(claims).toMatchObject({ uid: "billing", scope: "push" });
    const now = Math.floor(Date.now() / 1000);
    expect(claims.exp).toBeGreaterThan(now + 100);
    expect(claims.exp).toBeLessThanOrEqual(now + 120);
  });

  it("token --room mints the rooms claim, and tail/say/members hold their own token to the room they join, so they sign in where rooms are closed", async () => {
    const minted = await cli("token", "alice", "--room", "lobby", "--room", "team-*");
    expect(verifier.verify(minted.stdout.trim()).rooms).toEqual(["lobby", "team-*"]);

    const closed = await startStandalone({ ROOMCAST_LOGIC_TOKEN_OPEN_ROOMS: "false" });
    try {
      const r = room("closed");
      const members = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
        execFile(
          process.execPath,
          ["--import", "tsx", path.join(repoRoot, "cmd/roomcast/main.ts"), "--http", closed.httpUrls[0]!, "members", "--room", r],
          { cwd: repoRoot, env, timeout: 30_000 },
          (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? -1) : 0, stdout, stderr }),
        ),
      );
      expect(members).toMatchObject({ code: 0, stdout: "1\n" });
      // A token without rooms is refused there: the room policy is really closed.
      const bare = await RoomClient.connect(closed.wsUrls[0]!);
      expect(await bare.signIn(verifier.sign("bare"), r)).toMatchObject({ code: 107 });
      bare.terminate();
    } finally {
      await closed.stop();
    }
  });

  it("token reads the secret from a config file when no environment variable sets it", async () => {
    const out = await new Promise<string>((resolve) =>
      execFile(
        process.execPath,
        [
          "--import",
          "tsx",
          path.join(repoRoot, "cmd/roomcast/main.ts"),
          "--config",
          path.join(repoRoot, "cmd/standalone/standalone.toml"),
          "token",
          "x",
        ],
        { cwd: repoRoot, env: { ...process.env, ROOMCAST_LOGIC_TOKEN_SECRET: "" } },
        (_e, stdout) => resolve(stdout.trim()),
      ),
    );
    expect(new Tokens({ secret: "roomcast-dev-secret", ttlSec: 60 }).verify(out).uid).toBe("x");
  });

  it("tail prints what say and push send to the room, in order, and exits after --count", async () => {
    const r = room("tail");
    const tail = startProc("tail", process.execPath, cliArgs(["tail", "--room", r, "--count", "2"]), env, repoRoot);
    await tail.waitFor(`joined ${r}`, 20_000);
    const said = await cli("say", "--raw", "--room", r, "hello", "from", "the", "cli");
    expect(said).toMatchObject({ code: 0, stdout: "ok\n" });
    const pushed = await cli("push", "--room", r, "order 7 shipped");
    expect(pushed).toMatchObject({ code: 0, stdout: "ok\n" });
    expect(await tail.exited).toBe(0);
    const printed = tail
      .output()
      .split("\n")
      .filter((l) => l.includes("\t"));
    expect(printed).toEqual([`normal\t${r}\thello from the cli`, `IMPORTANT\t${r}\torder 7 shipped`]);
  });

  it("members prints the room's count, this connection included", async () => {
    const r = room("members");
    const tail = startProc("tail", process.execPath, cliArgs(["tail", "--room", r]), env, repoRoot);
    await tail.waitFor(`joined ${r}`, 20_000);
    const out = await cli("members", "--room", r);
    expect(out).toMatchObject({ code: 0, stdout: "2\n" });
    await tail.stop();
  });

  it("tail --json prints one JSON object per message", async () => {
    const r = room("json");
    const tail = startProc("tail", process.execPath, cliArgs(["tail", "--room", r, "--count", "1", "--json"]), env, repoRoot);
    await tail.waitFor(`joined ${r}`, 20_000);
    await cli("push", "--room", r, '{"id":1}');
    expect(await tail.exited).toBe(0);
    const json = tail
      .output()
      .split("\n")
      .find((l) => l.startsWith("{"));
    expect(JSON.parse(json!)).toEqual({ room: r, level: "important", text: '{"id":1}', bytes: 8 });
  });

  it("push --user reaches every connection of that user with its --type, and prints how many connections logic counted", async () => {
    const uid = `cli-user-${Date.now()}`;
    // Signed in to no room: a user push needs none.
    const conns = [
      await RoomClient.join(target.wsUrls[0]!, verifier.sign(uid), ""),
      await RoomClient.join(target.wsUrls[0]!, verifier.sign(uid), ""),
    ];
    try {
      const out = await cli("push", "--user", uid, "--type", "notice", "your", "order", "shipped");
      expect(out).toMatchObject({ code: 0, stdout: expect.stringMatching(/^ok \(\d+ connections?\)\n$/) });
      for (const c of conns) {
        const [m] = await c.waitForMessages(1, 10_000);
        expect(m).toMatchObject({ roomID: `user:${uid}`, text: "your order shipped", type: "notice" });
      }
    } finally {
      for (const c of conns) c.close();
    }
  });

  it("push --conn reaches the connection of that id and prints 1 connection", async () => {
    const c = await RoomClient.join(target.wsUrls[0]!, verifier.sign("cli-conn"), "");
    try {
      expect(c.connID).not.toBe("");
      expect(await cli("push", "--conn", c.connID, "just", "you")).toMatchObject({ code: 0, stdout: "ok (1 connection)\n" });
      const [m] = await c.waitForMessages(1, 10_000);
      expect(m).toMatchObject({ roomID: `conn:${c.connID}`, text: "just you", type: "" });
    } finally {
      c.close();
    }
  });

  it("broadcast reaches a connection in no room, with its --type, and prints how many connections logic counted", async () => {
    const c = await RoomClient.join(target.wsUrls[0]!, verifier.sign("cli-everyone"), "");
    try {
      const text = `maintenance at ${Date.now()}`;
      const out = await cli("broadcast", "--type", "ops", text);
      expect(out).toMatchObject({ code: 0, stdout: expect.stringMatching(/^ok \(\d+ connections?\)\n$/) });
      const got = await c.waitForMessages((ms) => ms.some((m) => m.text === text), 10_000);
      expect(got.find((m) => m.text === text)).toMatchObject({ roomID: "", type: "ops" });
    } finally {
      c.close();
    }
  });

  it("push names exactly one target: none, or two, exits 1 and says so", async () => {
    for (const args of [["x"], ["--room", "r", "--user", "u", "x"]]) {
      const out = await cli("push", ...args);
      expect(out.code).toBe(1);
      expect(out.stderr).toContain("roomcast: push takes one target: --room <room>, --user <uid> or --conn <connID>");
    }
  });

  it("presence signs in to no room, joins the room and lists its uids with their total", async () => {
    const r = room("presence");
    const member = await RoomClient.join(target.wsUrls[0]!, verifier.sign("present"), r);
    try {
      expect(await cli("presence", "--uid", "cli-presence", r)).toMatchObject({ code: 0, stdout: "cli-presence\npresent\ntotal 2\n" });
    } finally {
      member.close();
    }
  });

  it("push with a bad token exits 1 and says why", async () => {
    const out = await cli("push", "--token", "not-a-jwt", "--room", "r", "x");
    expect(out.code).toBe(1);
    expect(out.stderr).toContain("HTTP 401: code 1001");
  });

  it("a missing required option exits 1 with usage", async () => {
    const out = await cli("tail");
    // README: failures print why and exit 1.
    expect(out.code).toBe(1);
    expect(out.stderr).toContain("required option '-r, --room <room>' not specified");
  });

  it("say sends a chat message {from, text}: --from NAME, or the uid it signs in as", async () => {
    const r = room("from");
    const member = await RoomClient.join(target.wsUrls[0]!, verifier.sign("raw-member"), r);
    try {
      expect(await cli("say", "--room", r, "--from", "Ops Bot", "deploy", "done")).toMatchObject({ code: 0, stdout: "ok\n" });
      expect(await cli("say", "--room", r, "--uid", "carol", "hi", "all")).toMatchObject({ code: 0, stdout: "ok\n" });
      expect(await cli("say", "--room", r, "--raw", "plain", "words")).toMatchObject({ code: 0, stdout: "ok\n" });
      const got = await member.waitForMessages(3, 10_000);
      expect(got.map((m) => m.text)).toEqual([
        JSON.stringify({ from: "Ops Bot", text: "deploy done" }),
        JSON.stringify({ from: "carol", text: "hi all" }),
        "plain words",
      ]);
      expect(JSON.parse(got[0]!.text)).toEqual({ from: "Ops Bot", text: "deploy done" });
    } finally {
      member.close();
    }
  });

  it("members with a token the server refuses exits 1 and says the token was refused", async () => {
    const out = await cli("--ws", target.wsUrls[0]!, "members", "--room", "r", "--secret", "wrong");
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(new RegExp(`roomcast: ${target.wsUrls[0]} refused the token \\(code 101: [^)]+\\)`));
    expect(out.stderr).not.toContain("lost");
  });

  it("against a logic node that is down, push and members exit 1 naming the URL they could not reach", async () => {
    const dead = `http://127.0.0.1:${await freePort()}`;
    const push = await cli("--http", dead, "push", "--room", "r", "x");
    expect(push.code).toBe(1);
    expect(push.stderr).toContain(`roomcast: cannot reach ${dead}/msg (connection refused)`);
    const members = await cli("--http", dead, "members", "--room", "r");
    expect(members.code).toBe(1);
    expect(members.stderr).toContain(`roomcast: cannot reach ${dead}/nodes (connection refused)`);
  });

  it("an old-style variable name stops the CLI with its new name", async () => {
    const out = await new Promise<{ code: number | null; stderr: string }>((resolve) =>
      execFile(
        process.execPath,
        ["--import", "tsx", path.join(repoRoot, "cmd/roomcast/main.ts"), "token", "x"],
        { cwd: repoRoot, env: { ...process.env, ROOMCAST_TOKEN_SECRET: "s" }, timeout: 30_000 },
        (e, _stdout, stderr) => resolve({ code: e ? ((e as { code?: number }).code ?? null) : 0, stderr }),
      ),
    );
    expect(out.code).toBe(1);
    expect(out.stderr).toContain("roomcast: ROOMCAST_TOKEN_SECRET is no longer read: its name is now ROOMCAST_LOGIC_TOKEN_SECRET");
  });

  it("a conn node nobody listens on is reported, not hung on", async () => {
    const out = await cli("--ws", "ws://127.0.0.1:1/room", "members", "--room", "r");
    expect(out.code).toBe(1);
    expect(out.stderr).toContain("roomcast: connection to ws://127.0.0.1:1/room lost (1006)");
  });
});

describe("tail across a restart of the server", () => {
  let own: Target | undefined;
  afterEach(async () => {
    await own?.stop();
    own = undefined;
  });

  it("says on stderr when it lost the connection and when it regained it, and prints what arrives after", async () => {
    own = await startStandalone();
    const ws = own.wsUrls[0]!;
    const ports = { ROOMCAST_CONN_WS_PORT: new URL(ws).port, ROOMCAST_LOGIC_HTTP_PORT: new URL(own.httpUrls[0]!).port };
    const r = room("restart");
    const tail = startProc(
      "tail-restart",
      process.execPath,
      [
        ...cliArgs(["tail", "--room", r, "--count", "1"]).slice(0, 3),
        "--http",
        own.httpUrls[0]!,
        "--ws",
        ws,
        "tail",
        "--room",
        r,
        "--count",
        "1",
      ],
      env,
      repoRoot,
    );
    await tail.waitFor(`joined ${r}`, 20_000);
    await own.stop();
    own = undefined;
    await tail.waitFor(`lost the connection to ${ws} (4004`, 10_000);
    own = await startStandalone(ports);
    await tail.waitFor(`regained the connection: joined ${r} on ${ws}`, 40_000);
    const pushed = await cli("--http", own.httpUrls[0]!, "push", "--room", r, "after the restart");
    expect(pushed).toMatchObject({ code: 0, stdout: "ok\n" });
    expect(await tail.exited).toBe(0);
    expect(tail.output()).toContain(`IMPORTANT\t${r}\tafter the restart`);
  }, 90_000);
});
