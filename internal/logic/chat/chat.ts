// The chat page's script, bundled for browsers by internal/logic/chat_page.ts. Everything goes through the SDK, which
// speaks the JSON codec here (protocol 2). One connection holds several rooms: the one joined first signs in, the
// others are SUBSCRIBEd; each room keeps its own lines, and pushes to the visitor (user:<name>) go to the "To you" list.
// Chat messages are JSON {"from", "text"} of type "chat"; anything else (a POST /msg body, say) is shown as it is.
import { ProtocolError, RoomcastClient, type Message, type ClientState } from "@roomcast/client";

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const statusEl = $<HTMLSpanElement>("status");
const joinForm = $<HTMLFormElement>("join");
const nameInput = $<HTMLInputElement>("name");
const roomInput = $<HTMLInputElement>("room");
const chat = $<HTMLElement>("chat");
const roomList = $<HTMLUListElement>("rooms");
const addRoomForm = $<HTMLFormElement>("add-room");
const newRoomInput = $<HTMLInputElement>("new-room");
const roomName = $<HTMLElement>("room-name");
const membersEl = $<HTMLSpanElement>("members");
const list = $<HTMLUListElement>("messages");
const privateList = $<HTMLUListElement>("private");
const compose = $<HTMLFormElement>("compose");
const textInput = $<HTMLInputElement>("text");

const MEMBERS_POLL_MS = 2_000;
/** Lines kept per room: the oldest go first. */
const MAX_LINES = 500;

type Kind = "normal" | "important" | "system";
interface Line {
  kind: Kind;
  text: string;
  from?: string;
  /** The message's id (protocol 2): recall names it. */
  id?: string;
  /** Withdrawn by its sender or a service: shown struck through. */
  recalled?: boolean;
}
interface RoomView {
  lines: Line[];
  unread: number;
}

let client: RoomcastClient | undefined;
let membersTimer: ReturnType<typeof setInterval> | undefined;
/** The rooms joined, in the order joined. */
const rooms = new Map<string, RoomView>();
let active: string | undefined;

/** "degraded": connected, but the server refuses messages for now (500: logic or its queue is away). */
type PageState = ClientState | "idle" | "degraded";

function setStatus(state: PageState, text: string): void {
  statusEl.className = `status ${state}`;
  statusEl.dataset.state = state;
  statusEl.textContent = text;
}

function lineElement(line: Line): HTMLLIElement {
  const li = document.createElement("li");
  li.className = line.recalled ? `${line.kind} recalled` : line.kind;
  if (line.id) li.dataset.id = line.id;
  if (line.kind === "important") {
    const badge = document.createElement("span");
    badge.className = "badge";
    badge.textContent = "IMPORTANT";
    li.append(badge);
  }
  if (line.from) {
    const who = document.createElement("span");
    who.className = "from";
    who.textContent = `${line.from}:`;
    li.append(who);
  }
  li.append(document.createTextNode(li.childElementCount ? ` ${line.text}` : line.text));
  // The visitor's own lines can be withdrawn (RECALL): every member then sees them struck through.
  if (line.id && line.from === nameInput.value.trim() && !line.recalled) {
    const recall = document.createElement("button");
    recall.className = "recall";
    recall.type = "button";
    recall.title = "recall this message";
    recall.textContent = "recall";
    const id = line.id;
    recall.addEventListener("click", () => {
      const room = active;
      if (!client || room === undefined) return;
      client.recall(room, id).catch((err: unknown) => addLine("system", `not recalled: ${(err as Error).message}`));
    });
    li.append(recall);
  }
  return li;
}

/** A "$recall" event: the line with that id is struck through, in its room's lines and on screen. */
function recalled(room: string, id: string): void {
  const line = rooms.get(room)?.lines.find((l) => l.id === id);
  if (line) line.recalled = true;
  if (room !== active) return;
  const li = [...list.children].find((el) => (el as HTMLElement).dataset.id === id);
  if (li && line) li.replaceWith(lineElement(line));
}

/** Keeps a line in `room`'s history and shows it if `room` is the active one; system lines go to the active room. */
function addLine(kind: Kind, text: string, from?: string, room = active, id?: string): void {
  const line: Line = { kind, text, ...(from ? { from } : {}), ...(id ? { id } : {}) };
  const view = room === undefined ? undefined : rooms.get(room);
  if (view) {
    view.lines.push(line);
    if (view.lines.length > MAX_LINES) view.lines.shift();
  }
  if (room !== active) {
    // A room left meanwhile has no view: its late messages are dropped.
    if (view && kind !== "system") view.unread++;
    if (view) renderRooms();
    return;
  }
  list.append(lineElement(line));
  if (list.childElementCount > MAX_LINES) list.firstElementChild?.remove();
  list.scrollTop = list.scrollHeight;
}

/** A chat message's sender and text; anything that is not chat JSON is shown as it is. */
function parse(m: Message): { text: string; from?: string } {
  try {
    const v = m.json<{ from?: unknown; text?: unknown }>();
    if (typeof v?.text === "string") return { text: v.text, ...(typeof v.from === "string" ? { from: v.from } : {}) };
  } catch {
    // not JSON
  }
  return { text: m.text() };
}

function show(m: Message): void {
  if (m.type === "$recall") return recalled(m.room, m.text());
  const { text, from } = parse(m);
  addLine(m.important ? "important" : "normal", text, from, m.room, m.id);
}

/** Pushes to this visitor (user:<name>), to this tab (conn:<id>) and to everyone, in the "To you" list. */
function showPrivate(m: Message): void {
  const li = document.createElement("li");
  li.className = m.kind;
  const label = m.kind === "user" ? "" : m.kind === "conn" ? "(this tab) " : "(everyone) ";
  li.textContent = `${label}${parse(m).text}`;
  privateList.append(li);
  privateList.scrollTop = privateList.scrollHeight;
}

function renderRooms(): void {
  const items = [...rooms].map(([room, view]) => {
    const li = document.createElement("li");
    const open = document.createElement("button");
    open.type = "button";
    open.className = "room-tab";
    open.dataset.room = room;
    open.textContent = `#${room}`;
    if (room === active) open.setAttribute("aria-current", "true");
    if (view.unread > 0) {
      const badge = document.createElement("span");
      badge.className = "unread";
      badge.textContent = String(view.unread);
      badge.setAttribute("aria-label", `${view.unread} unread`);
      open.append(" ", badge);
    }
    open.addEventListener("click", () => activate(room));
    const leave = document.createElement("button");
    leave.type = "button";
    leave.className = "leave-room";
    leave.dataset.room = room;
    leave.textContent = "×";
    leave.setAttribute("aria-label", `Leave #${room}`);
    leave.addEventListener("click", () => void leaveRoom(room));
    li.append(open, leave);
    return li;
  });
  roomList.replaceChildren(...items);
}

function activate(room: string | undefined): void {
  active = room;
  const view = room === undefined ? undefined : rooms.get(room);
  if (view) view.unread = 0;
  roomName.textContent = room === undefined ? "no room: join one" : `#${room}`;
  list.replaceChildren(...(view?.lines ?? []).map(lineElement));
  list.scrollTop = list.scrollHeight;
  membersEl.dataset.count = "";
  membersEl.textContent = "– members";
  renderRooms();
  void pollMembers();
}

function dropRoom(room: string): void {
  rooms.delete(room);
  if (active === room) activate(rooms.keys().next().value);
  else renderRooms();
}

async function joinRoom(room: string): Promise<void> {
  if (!client) return;
  if (rooms.has(room)) return activate(room);
  try {
    await client.subscribe(room);
  } catch (err) {
    addLine("system", `cannot join #${room}: ${(err as Error).message}`);
    return;
  }
  rooms.set(room, { lines: [], unread: 0 });
  activate(room);
}

async function leaveRoom(room: string): Promise<void> {
  dropRoom(room);
  try {
    await client?.unsubscribe(room);
  } catch (err) {
    addLine("system", `leaving #${room}: ${(err as Error).message}`);
  }
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
  const room = active;
  if (client?.state !== "connected" || room === undefined) return;
  try {
    const n = await client.members(room);
    if (room !== active) return;
    membersEl.dataset.count = String(n);
    membersEl.textContent = `${n} member${n === 1 ? "" : "s"}`;
  } catch {
    // the connection went away (the status line says so), or the room was just left
  }
}

function listen(c: RoomcastClient, name: string): void {
  c.on("message", (m) => {
    // A NORMAL message went through the queue: messages are being taken again.
    if (!m.important && statusEl.dataset.state === "degraded") setStatus("connected", `connected to ${c.url}`);
    if (m.kind === "room") show(m);
    else if (m.kind !== "user") showPrivate(m);
  });
  // The visitor's own room: services push to a user with POST /msg {"user": …}.
  c.onRoom(`user:${name}`, showPrivate);
  c.on("connected", ({ url, reconnects }) => {
    setStatus("connected", `connected to ${url}`);
    if (reconnects > 0) addLine("system", `reconnected to ${url}`);
    void pollMembers();
  });
  c.on("disconnected", ({ code, reason }) => addLine("system", `connection lost (${code}${reason ? ` ${reason}` : ""})`));
  c.on("recovery", ({ room, recovered, reason, missed }) =>
    addLine(
      "system",
      recovered ? `${missed} missed message(s) recovered` : `messages sent while away could not be recovered (${reason})`,
      undefined,
      room,
    ),
  );
  c.on("reconnecting", ({ attempt, delayMs, url }) =>
    setStatus("connecting", `reconnecting to ${url} in ${(delayMs / 1000).toFixed(1)} s (attempt ${attempt})`),
  );
  c.on("error", (err) => {
    if (err instanceof ProtocolError && err.code === 500) {
      addLine("system", `not delivered: ${err.message} (500); send it again in a moment`);
      setStatus("degraded", `connected to ${c.url}, but the server cannot take messages now: ${err.message}`);
      return;
    }
    addLine("system", `${err.name}: ${err.message}`);
    // A room a reconnect could not join again: the client has left it.
    if (err instanceof ProtocolError && err.room !== undefined && !c.rooms.includes(err.room)) dropRoom(err.room);
  });
  c.on("closed", ({ error }) => setStatus("closed", error ? `disconnected: ${error.message}` : "signed out"));
}

async function join(name: string, room: string): Promise<void> {
  setStatus("connecting", "connecting…");
  rooms.set(room, { lines: [], unread: 0 });
  activate(room);
  joinForm.hidden = true;
  chat.hidden = false;
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
    codec: "json",
    // Asked before every sign-in, so a reconnect after the token expired gets a fresh one. The demo lets a visitor
    // join any room ("*"); the server still keeps everyone out of other users' user:<uid> rooms.
    token: async () => {
      const r = await postJson("/tk", { uid: name, rooms: ["*"] });
      if (r.code !== 1 || typeof r.data !== "string") throw new Error(r.msg || "the token endpoint refused");
      return r.data;
    },
  });
  client = c;
  listen(c, name);
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

addRoomForm.addEventListener("submit", (ev) => {
  ev.preventDefault();
  const room = newRoomInput.value;
  if (!room) return;
  newRoomInput.value = "";
  void joinRoom(room);
});

compose.addEventListener("submit", (ev) => {
  ev.preventDefault();
  const text = textInput.value;
  if (!client || !text) return;
  if (active === undefined) return addLine("system", "join a room first");
  try {
    client.send(JSON.stringify({ from: nameInput.value.trim(), text }), { room: active, type: "chat" });
    textInput.value = "";
  } catch (err) {
    addLine("system", `not sent: ${(err as Error).message}`);
  }
});

$("leave").addEventListener("click", () => {
  client?.close();
  client = undefined;
  clearInterval(membersTimer);
  rooms.clear();
  activate(undefined);
  privateList.replaceChildren();
  chat.hidden = true;
  joinForm.hidden = false;
});

const params = new URLSearchParams(location.search);
nameInput.value = params.get("name") ?? "";
roomInput.value = params.get("room") ?? roomInput.value;
setStatus("idle", "not connected");
