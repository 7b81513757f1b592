// The chat page in a real browser (Debian's chromium through playwright-core), on standalone and on a cluster.
import * as path from "node:path";
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { artifactsDir, launchChromium } from "./harness/browser";
import { startStandalone, type Target } from "./harness/roomcast";
import { startCluster, type Cluster } from "./harness/cluster";
import { killAll } from "./harness/proc";
import { post, tokenFor } from "./suite/protocol";

jest.setTimeout(90_000);

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await killAll();
});

/** Opens the chat page as `name` in `room` and joins; `ws` pins the conn node. */
async function joinPage(httpUrl: string, name: string, room: string, ws?: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 900, height: 640 } });
  const q = new URLSearchParams({ name, room, ...(ws ? { ws } : {}) });
  await page.goto(`${httpUrl}/?${q}`);
  await page.click("#join-button");
  await page.waitForSelector("#status[data-state=connected]", { timeout: 15_000 });
  return page;
}

/** The text of the room's lines of one kind, without their buttons (the recall button on the visitor's own). */
const lines = (page: Page, kind: "normal" | "important" | "system" | "recalled") =>
  page.$$eval(`#messages li.${kind}`, (els) =>
    els.map((e) =>
      [...e.childNodes]
        .filter((n) => n.nodeName !== "BUTTON")
        .map((n) => n.textContent ?? "")
        .join(""),
    ),
  );

async function waitForLine(page: Page, kind: "normal" | "important", text: string): Promise<void> {
  await page.waitForFunction(
    ([k, t]) => [...document.querySelectorAll(`#messages li.${k}`)].some((e) => e.textContent?.includes(t)),
    [kind, text] as const,
    { timeout: 15_000 },
  );
}

/** Two visitors chat, see each other counted, and both see a POST /msg set apart as important. */
async function chatScenario(target: Target, pinned: [string?, string?], shot: string): Promise<void> {
  const room = `browser-${target.name}-${Date.now()}`;
  const [httpA, httpB] = [target.httpUrls[0], target.httpUrls[target.httpUrls.length - 1]];
  const alice = await joinPage(httpA, "alice", room, pinned[0]);
  const bob = await joinPage(httpB, "bob", room, pinned[1]);

  await alice.fill("#text", "hello from alice");
  await alice.click("#send");
  // Bob answers once he has read Alice: two people typing at once have no order across conn nodes, a reply does.
  await waitForLine(bob, "normal", "hello from alice");
  await bob.fill("#text", "hi alice, bob here");
  await bob.press("#text", "Enter");
  for (const page of [alice, bob]) {
    await waitForLine(page, "normal", "hello from alice");
    await waitForLine(page, "normal", "hi alice, bob here");
    await page.waitForSelector('#members[data-count="2"]', { timeout: 15_000 });
  }
  expect(await lines(bob, "normal")).toEqual(["alice: hello from alice", "bob: hi alice, bob here"]);

  const push = await tokenFor(httpA, "order-service", "push");
  const r = await post(`${httpB}/msg`, { room_id: room, msg: "Order #1042 has shipped" }, { Authorization: `Bearer ${push}` });
  expect(r.json).toEqual({ code: 1, msg: "" });
  for (const page of [alice, bob]) await waitForLine(page, "important", "Order #1042 has shipped");

  const seen = { alice: await lines(alice, "important"), bob: await lines(bob, "important") };
  expect(seen).toEqual({ alice: ["IMPORTANT Order #1042 has shipped"], bob: ["IMPORTANT Order #1042 has shipped"] });
  expect(await bob.textContent("#members")).toBe("2 members");
  // The important line is styled apart from chat lines.
  const bg = (sel: string) => bob.$eval(sel, (e) => getComputedStyle(e).backgroundColor);
  expect(await bg("#messages li.important")).not.toBe(await bg("#messages li.normal"));

  // Bob recalls his line: both pages strike it through; only his own lines have the button.
  expect(await alice.$$eval("#messages li button.recall", (els) => els.length)).toBe(1);
  await bob.click("#messages li.normal:has-text('hi alice, bob here') button.recall");
  for (const page of [alice, bob]) {
    await page.waitForSelector("#messages li.recalled", { timeout: 15_000 });
    expect(await lines(page, "recalled")).toEqual(["bob: hi alice, bob here"]);
    expect(await page.$eval("#messages li.recalled", (e) => getComputedStyle(e).textDecorationLine)).toBe("line-through");
  }

  const file = path.join(artifactsDir, shot);
  await bob.screenshot({ path: file, fullPage: true });
  expect(readFileSync(file).subarray(1, 4).toString()).toBe("PNG");
  console.log(
    `${target.name}: alice saw ${JSON.stringify(await lines(alice, "normal"))}; bob saw ${JSON.stringify(await lines(bob, "normal"))} ` +
      `and ${JSON.stringify(seen.bob)}; members: ${await alice.textContent("#members")}; screenshot ${path.relative(process.cwd(), file)}`,
  );
  await Promise.all([alice.close(), bob.close()]);
}

const tab = (room: string) => `.room-tab[data-room="${room}"]`;

async function joinRoom(page: Page, room: string): Promise<void> {
  await page.fill("#new-room", room);
  await page.click("#add-room-button");
  await page.waitForSelector(`${tab(room)}[aria-current="true"]`, { timeout: 15_000 });
}

/**
 * One visitor in two rooms on one connection: each room keeps its own lines, the room list shows what arrived in the
 * other one, switching shows each room's history, a push to the visitor (POST /msg {"user"}) lands in "To you", and
 * leaving a room takes it off the list.
 */
async function roomsScenario(target: Target, pinned: [string?, string?], shot: string): Promise<void> {
  const tag = `${target.name}-${Date.now()}`;
  const [roomA, roomB] = [`rooms-a-${tag}`, `rooms-b-${tag}`];
  const ann = `ann-${tag}`;
  const [httpA, httpB] = [target.httpUrls[0], target.httpUrls[target.httpUrls.length - 1]];
  const alice = await joinPage(httpA, ann, roomA, pinned[0]);
  await joinRoom(alice, roomB);
  expect(await alice.$$eval(".room-tab", (els) => els.map((e) => e.textContent))).toEqual([`#${roomA}`, `#${roomB}`]);

  // Bob is in room B alone, on the other conn node when pinned.
  const bob = await joinPage(httpB, "bob", roomB, pinned[1]);
  await bob.fill("#text", "hello room B");
  await bob.click("#send");
  await waitForLine(alice, "normal", "hello room B");

  const push = await tokenFor(httpA, "room-service", "push");
  const auth = { Authorization: `Bearer ${push}` };
  expect((await post(`${httpB}/msg`, { room_id: roomA, msg: "news for room A" }, auth)).json).toEqual({ code: 1, msg: "" });
  // Alice looks at room B: room A's message waits there, counted on its tab.
  await alice.waitForSelector(`${tab(roomA)} .unread`, { timeout: 15_000 });
  expect(await alice.textContent(`${tab(roomA)} .unread`)).toBe("1");
  expect(await lines(alice, "important")).toEqual([]);

  await alice.click(tab(roomA));
  await alice.waitForSelector(`${tab(roomA)}[aria-current="true"]`);
  expect(await alice.textContent("#room-name")).toBe(`#${roomA}`);
  expect(await lines(alice, "important")).toEqual(["IMPORTANT news for room A"]);
  expect(await lines(alice, "normal")).toEqual([]);
  await alice.fill("#text", "alice in room A");
  await alice.click("#send");
  await waitForLine(alice, "normal", "alice in room A");

  await alice.click(tab(roomB));
  await waitForLine(alice, "normal", "hello room B");
  expect(await lines(alice, "normal")).toEqual(["bob: hello room B"]);
  await waitForLine(bob, "normal", "hello room B");
  expect(await lines(bob, "normal")).toEqual(["bob: hello room B"]);

  const r = await post(`${httpB}/msg`, { user: ann, msg: "your order #7 shipped" }, auth);
  expect(r.json).toMatchObject({ code: 1, data: { connections: expect.any(Number) } });
  await alice.waitForFunction(
    (t) => [...document.querySelectorAll("#private li")].some((e) => e.textContent === t),
    "your order #7 shipped",
    {
      timeout: 15_000,
    },
  );
  expect(await bob.$$eval("#private li", (els) => els.length)).toBe(0);

  await alice.click(`.leave-room[data-room="${roomA}"]`);
  await alice.waitForFunction((sel) => !document.querySelector(sel), tab(roomA), { timeout: 5_000 });
  expect(await alice.$$eval(".room-tab", (els) => els.map((e) => e.textContent))).toEqual([`#${roomB}`]);

  const file = path.join(artifactsDir, shot);
  await alice.screenshot({ path: file, fullPage: true });
  expect(readFileSync(file).subarray(1, 4).toString()).toBe("PNG");
  console.log(`${target.name}: alice's rooms ${roomA} and ${roomB}, private line seen; screenshot ${path.relative(process.cwd(), file)}`);
  await Promise.all([alice.close(), bob.close()]);
}

describe("chat page on standalone", () => {
  let target: Target;
  beforeAll(async () => {
    target = await startStandalone();
  });
  afterAll(() => target?.stop());

  it("is served at / with its script bundled from the SDK", async () => {
    const page = await fetch(`${target.httpUrls[0]}/`);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await page.text()).toContain('<script src="/chat.js">');
    const script = await fetch(`${target.httpUrls[0]}/chat.js`);
    expect(script.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect((await script.text()).length).toBeGreaterThan(10_000);
  });

  it("is served with a Content-Security-Policy: own script only, WebSockets only to the listed conn node, no framing", async () => {
    const ws = new URL(target.wsUrls[0]!);
    const csp =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
      `connect-src 'self' ws://${ws.host}; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`;
    for (const p of ["/", "/chat.js", "/chat.css"]) {
      const res = await fetch(`${target.httpUrls[0]}${p}`);
      expect([p, res.status, res.headers.get("content-security-policy")]).toEqual([p, 200, csp]);
    }
  });

  it("refuses a ?ws= server that GET /nodes does not list, says so, and chats on a listed one", async () => {
    const page = await browser.newPage({ viewport: { width: 900, height: 640 } });
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    const q = new URLSearchParams({ name: "eve", room: `pinned-${Date.now()}`, ws: "ws://evil.example/room" });
    await page.goto(`${target.httpUrls[0]}/?${q}`);
    await page.click("#join-button");
    await page.waitForSelector("#status[data-state=connected]", { timeout: 15_000 });
    expect(await page.textContent("#status")).toBe(`connected to ${target.wsUrls[0]}`);
    expect(await lines(page, "system")).toEqual([
      `not connecting to ws://evil.example/room: ?ws= must be one of the servers this site lists (${target.wsUrls[0]}); using those`,
    ]);
    await page.fill("#text", "still here");
    await page.click("#send");
    await waitForLine(page, "normal", "still here");
    // The page works under its policy: nothing it does is refused.
    expect(violations).toEqual([]);
    await page.close();
  });

  it("two pages in one room exchange messages, count 2 members, and show POST /msg as important", async () => {
    await chatScenario(target, [], "chat-standalone.png");
  });

  it("one page joins two rooms, switches between them, sees each room's messages and a push to its user", async () => {
    await roomsScenario(target, [], "chat-rooms-standalone.png");
  });

  it("shows the reconnect while the server is away and chats again once it is back", async () => {
    const room = `reconnect-${Date.now()}`;
    const page = await joinPage(target.httpUrls[0], "carol", room);
    const ports = { ws: new URL(target.wsUrls[0]).port, http: new URL(target.httpUrls[0]).port };
    await target.stop();
    await page.waitForSelector("#status[data-state=connecting]", { timeout: 10_000 });
    expect(await page.textContent("#status")).toMatch(/^reconnecting to ws:\/\/127\.0\.0\.1:\d+\/room in \d+\.\d s \(attempt \d+\)$/);
    expect((await lines(page, "system")).join()).toContain("connection lost (4004");

    target = await startStandalone({ ROOMCAST_CONN_WS_PORT: ports.ws, ROOMCAST_LOGIC_HTTP_PORT: ports.http });
    await page.waitForSelector("#status[data-state=connected]", { timeout: 30_000 });
    expect((await lines(page, "system")).join()).toContain("reconnected to ws://");
    await page.fill("#text", "back again");
    await page.click("#send");
    await waitForLine(page, "normal", "back again");
    await page.close();
  });
});

describe("chat page on a cluster", () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster();
  }, 90_000);
  afterAll(() => cluster?.stop());

  it("logic lists every conn node at GET /nodes and serves the page", async () => {
    for (const http of cluster.httpUrls) {
      const nodes = (await (await fetch(`${http}/nodes`)).json()) as { code: number; data: { nodes: string[] } };
      expect(nodes.code).toBe(1);
      expect([...nodes.data.nodes].sort()).toEqual([...cluster.wsUrls].sort());
      expect((await fetch(`${http}/`)).status).toBe(200);
    }
  });

  it("pages on two different conn nodes, served by two logic nodes, chat and see POST /msg as important", async () => {
    await chatScenario(cluster, [cluster.wsUrls[0], cluster.wsUrls[1]], "chat-cluster.png");
  });

  it("a page on one conn node joins two rooms, switches, sees a member on the other node and a push to its user", async () => {
    await roomsScenario(cluster, [cluster.wsUrls[0], cluster.wsUrls[1]], "chat-rooms-cluster.png");
  });

  // Last in this cluster: it stops nsqd (and brings it back).
  it("says when the server cannot take messages (nsqd down) instead of showing 'connected', and recovers once it can", async () => {
    const page = await joinPage(cluster.httpUrls[0], "dave", `degraded-${Date.now()}`);
    await cluster.nsqd.kill9();
    await page.fill("#text", "while the queue is down");
    await page.click("#send");
    await page.waitForSelector("#status[data-state=degraded]", { timeout: 15_000 });
    expect(await page.textContent("#status")).toMatch(
      /^connected to ws:\/\/.+, but the server cannot take messages now: queue unavailable$/,
    );
    expect((await lines(page, "system")).join("\n")).toContain("not delivered: queue unavailable (500)");

    await cluster.restartNsqd();
    // logic's NSQ writer reconnects with a back-off: send until a message goes through.
    for (let i = 0; i < 30 && (await page.getAttribute("#status", "data-state")) !== "connected"; i++) {
      await page.fill("#text", `after the queue is back ${i}`);
      await page.click("#send");
      await new Promise((r) => setTimeout(r, 1_000));
    }
    await page.waitForSelector("#status[data-state=connected]", { timeout: 5_000 });
    await waitForLine(page, "normal", "after the queue is back");
    await page.close();
  });
});
