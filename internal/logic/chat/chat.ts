// The chat page's script, bundled for browsers by internal/logic/chat_page.ts. Everything goes through the SDK.
// Chat messages are JSON {"from", "text"}; anything else (a POST /msg body, say) is shown as it is.
import { ProtocolError, RoomcastClient, type Message, type ClientState } from "@roomcast/client";

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const statusEl = $<HTMLSpanElement>("status");
const joinForm = $<HTMLFormElement>("join");
const nameInput = $<HTMLInputElement>("name");
const roomInput = $<HTMLInputElement>("room");
const chat = $<HTMLElement>("chat");
const roomName = $<HTMLElement>("room-name");
const membersEl = $<HTMLSpanElement>("members");
const list = $<HTMLUListElement>("messages");
const compose = $<HTMLFormElement>("compose");
const textInput = $<HTMLInputElement>("text");

const MEMBERS_POLL_MS = 2_000;
let client: RoomcastClient | undefined;
let membersTimer: ReturnType<typeof setInterval> | undefined;

/** "degraded": connected, but the server refuses messages for now (500: logic or its queue is away). */
type PageState = ClientState | "idle" | "degraded";

function setStatus(state: PageState, text: string): void {
  statusEl.className = `status ${state}`;
  statusEl.dataset.state = state;
  statusEl.textContent = text;
}

function addLine(kind: "normal" | "important" | "system", text: string, from?: string): void {
  const li = document.createElement("li");
  li.className = kind;
  if (kind === "important") {
    const badge = document.createElement("span");
    badge.className = "badge";
    badge.textContent = "IMPORTANT";
    li.append(badge);
  }
  if (from) {
    const who = document.createElement("span");
    who.className = "from";
    who.textContent = `${from}:`;
    li.append(who);
  }
  li.append(document.createTextNode(li.childElementCount ? ` ${text}` : text));
  list.append(li);
  list.scrollTop = list.scrollHeight;
}

function show(m: Message): void {
  let from: string | undefined;
  let text = m.text();
  try {
    const v = m.json<{ from?: unknown; text?: unknown }>();
    if (typeof v?.text === "string") {
      text = v.text;
      if (typeof v.from === "string") from = v.from;
    }
  } catch {
    // not JSON: show the text as it is
  }
  addLine(m.important ? "important" : "normal", text, from);
}

async function postJson(path: string, body: unknown): Promise<{ code: number; msg: string; data?: unknown }> {
  const res = await fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return res.json();
}

/**
 * The conn nodes' WebSocket URLs from logic. ?ws=… in the page URL picks one of them; a URL logic does not list is
 * refused (a link could otherwise send a visitor's name and messages to any server), and the page says so.
 */
async function connUrls(): Promise<string[]> {
  const res = await fetch("/nodes");
  const body = (await res.json()) as { data?: { nodes?: string[] } };
  const nodes = body.data?.nodes ?? [];
  if (nodes.length === 0) throw new Error("no conn node is registered");
  const pinned = new URLSearchParams(location.search).get("ws");
  if (pinned) {
    if (nodes.includes(pinned)) return [pinned];
    addLine("system", `not connecting to ${pinned}: ?ws= must be one of the servers this site lists (${nodes.join(", ")}); using those`);
  }
  // Start on a random node so that visitors spread over the cluster; the SDK walks the list on reconnect.
  const start = Math.floor(Math.random() * nodes.length);
  return [...nodes.slice(start), ...nodes.slice(0, start)];
}

async function pollMembers(): Promise<void> {
  if (client?.state !== "connected") return;
  try {
    const n = await client.members();
    membersEl.dataset.count = String(n);
    membersEl.textContent = `${n} member${n === 1 ? "" : "s"}`;
  } catch {
    // the connection went away; the status line says so
  }
}

async function join(name: string, room: string): Promise<void> {
  setStatus("connecting", "connecting…");
  let urls: string[];
  try {
    urls = await connUrls();
  } catch (err) {
    setStatus("closed", `cannot find a server: ${(err as Error).message}`);
    return;
  }
  const c = new RoomcastClient({
    url: urls,
    room,
    // Asked before every sign-in, so a reconnect after the token expired gets a fresh one.
    token: async () => {
      const r = await postJson("/tk", { uid: name, rooms: [room] });
      if (r.code !== 1 || typeof r.data !== "string") throw new Error(r.msg || "the token endpoint refused");
      return r.data;
    },
  });
  client = c;
  c.on("message", (m) => {
    // A NORMAL message went through the queue: messages are being taken again.
    if (!m.important && statusEl.dataset.state === "degraded") setStatus("connected", `connected to ${c.url}`);
    show(m);
  });
  c.on("connected", ({ url, reconnects }) => {
    setStatus("connected", `connected to ${url}`);
    if (reconnects > 0) addLine("system", `reconnected to ${url}`);
    void pollMembers();
  });
  c.on("disconnected", ({ code, reason }) => addLine("system", `connection lost (${code}${reason ? ` ${reason}` : ""})`));
  c.on("reconnecting", ({ attempt, delayMs, url }) =>
    setStatus("connecting", `reconnecting to ${url} in ${(delayMs / 1000).toFixed(1)} s (attempt ${attempt})`),
  );
  c.on("error", (err) => {
    if (err instanceof ProtocolError && err.code === 500) {
      addLine("system", `not delivered: ${err.message} (500); send it again in a moment`);
      setStatus("degraded", `connected to ${c.url}, but the server cannot take messages now: ${err.message}`);
    } else addLine("system", `${err.name}: ${err.message}`);
  });
  c.on("closed", ({ error }) => setStatus("closed", error ? `disconnected: ${error.message}` : "left the room"));

  roomName.textContent = `#${room}`;
  joinForm.hidden = true;
  chat.hidden = false;
  membersTimer = setInterval(() => void pollMembers(), MEMBERS_POLL_MS);
  c.connect().catch(() => {
    // reported by the "closed" handler
  });
  textInput.focus();
}

joinForm.addEventListener("submit", (ev) => {
  ev.preventDefault();
  // The name is trimmed for display; the room is taken exactly as typed, as the API and the CLI take it.
  void join(nameInput.value.trim(), roomInput.value);
});

compose.addEventListener("submit", (ev) => {
  ev.preventDefault();
  const text = textInput.value;
  if (!client || !text) return;
  try {
    client.send(JSON.stringify({ from: nameInput.value.trim(), text }));
    textInput.value = "";
  } catch (err) {
    addLine("system", `not sent: ${(err as Error).message}`);
  }
});

$("leave").addEventListener("click", () => {
  client?.close();
  client = undefined;
  clearInterval(membersTimer);
  list.replaceChildren();
  chat.hidden = true;
  joinForm.hidden = false;
});

const params = new URLSearchParams(location.search);
nameInput.value = params.get("name") ?? "";
roomInput.value = params.get("room") ?? roomInput.value;
setStatus("idle", "not connected");
