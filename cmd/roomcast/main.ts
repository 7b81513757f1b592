// roomcast: the operator's command line. token mints offline; push and broadcast go through logic's POST /msg;
// tail, members, presence and say join a room through the client SDK like any frontend.
import * as path from "node:path";
import * as os from "node:os";
import { existsSync, readFileSync } from "node:fs";
import { Command, InvalidArgumentError, Option } from "commander";
import { parse as parseToml } from "smol-toml";
import WebSocket from "ws";
import { RoomcastClient, ProtocolError, type Message } from "@roomcast/client";
import { Tokens, PUSH_SCOPE } from "@roomcast/pkg/token";
import { checkEnv } from "@roomcast/pkg/config";
import { networkReason } from "@roomcast/pkg/lifecycle";
import { roomcastEnv } from "../settings";

const DEFAULT_HTTP = "http://127.0.0.1:3111";
const DEFAULT_CONFIG = path.join(__dirname, "..", "logic", "logic.toml");

interface Common {
  http: string;
  ws?: string[];
  config: string;
  secret?: string;
  token?: string;
  uid: string;
}

/** The contents of a secret file, without its trailing newline (as logic reads token.secretFile). */
function readSecretFile(file: string, what: string): string {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new Error(`cannot read ${what} ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const secret = text.replace(/\r?\n$/, "");
  if (!secret) throw new Error(`${what} ${file} is empty`);
  return secret;
}

/**
 * The token secret, where logic finds it: --secret, else ROOMCAST_LOGIC_TOKEN_SECRET or ROOMCAST_LOGIC_TOKEN_SECRET_FILE
 * (logic's own variables), else the config file's [token] secretFile (relative to the file's folder) or secret.
 */
function secretOf(o: Common): string {
  if (o.secret) return o.secret;
  const env = process.env.ROOMCAST_LOGIC_TOKEN_SECRET;
  if (env) return env;
  const envFile = process.env.ROOMCAST_LOGIC_TOKEN_SECRET_FILE;
  if (envFile) return readSecretFile(envFile, "ROOMCAST_LOGIC_TOKEN_SECRET_FILE");
  if (!existsSync(o.config))
    throw new Error(
      `no token secret: pass --secret, set ROOMCAST_LOGIC_TOKEN_SECRET or ROOMCAST_LOGIC_TOKEN_SECRET_FILE, or --config a logic/standalone TOML`,
    );
  // A logic config has [token]; a standalone config has [logic.token].
  type TokenTable = { secret?: unknown; secretFile?: unknown };
  const toml = parseToml(readFileSync(o.config, "utf8")) as { token?: TokenTable; logic?: { token?: TokenTable } };
  const table = toml.token ?? toml.logic?.token ?? {};
  if (typeof table.secretFile === "string" && table.secretFile)
    return readSecretFile(path.resolve(path.dirname(o.config), table.secretFile), `${o.config}'s token.secretFile`);
  const secret = table.secret;
  if (typeof secret !== "string" || !secret) throw new Error(`${o.config} has no [token] secret or secretFile`);
  return secret;
}

/** Who the CLI signs in as: the uid of --token, else --uid. */
function uidOf(o: Common): string {
  if (!o.token) return o.uid;
  try {
    const claims = JSON.parse(Buffer.from(o.token.split(".")[1] ?? "", "base64url").toString("utf8")) as { uid?: unknown };
    if (typeof claims.uid === "string") return claims.uid;
  } catch {
    // not a JWT: the server will say so
  }
  return o.uid;
}

function mint(o: Common, uid: string, scope?: string, ttlSec = 3_600, rooms?: string[]): string {
  return new Tokens({ secret: secretOf(o), ttlSec }).sign(uid, scope, ttlSec, rooms);
}

/** fetch, failing with a sentence that names the URL and why it could not be reached. */
async function request(url: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (err) {
    throw new Error(
      `cannot reach ${url} (${networkReason(err)}): is logic running there? Point --http (or ROOMCAST_HTTP_URL) at a logic node`,
    );
  }
}

/** The conn nodes to dial: --ws, else what logic lists at GET /nodes. */
async function wsUrls(o: Common): Promise<string[]> {
  if (o.ws?.length) return o.ws;
  const res = await request(`${o.http}/nodes`);
  let body: { data?: { nodes?: string[] } };
  try {
    body = (await res.json()) as typeof body;
  } catch (err) {
    throw new Error(`${o.http}/nodes answered HTTP ${res.status} without JSON (${(err as Error).message}); pass --ws`);
  }
  const nodes = body.data?.nodes ?? [];
  if (nodes.length === 0) throw new Error(`${o.http}/nodes lists no conn node; pass --ws`);
  return nodes;
}

/**
 * Signs in through the SDK, to `room` or (undefined) to none; progress goes to stderr so stdout holds only results.
 * `rooms` are the rooms its own token may join.
 */
async function join(
  o: Common,
  room: string | undefined,
  reconnect: boolean,
  rooms = room === undefined ? [] : [room],
): Promise<RoomcastClient> {
  const client = new RoomcastClient({
    url: await wsUrls(o),
    room,
    // Held to the rooms it joins, so it signs in where rooms are closed too (production).
    token: o.token ?? (() => mint(o, o.uid, undefined, 3_600, rooms)),
    WebSocket,
    reconnect: reconnect ? {} : false,
  });
  client.on("reconnecting", ({ attempt, delayMs, url }) => console.error(`reconnecting to ${url} in ${delayMs} ms (attempt ${attempt})`));
  // A token refused while joining is refused on every attempt: stop and say so, instead of "connection lost".
  let joining = true;
  let refused: { url: string; err: ProtocolError } | undefined;
  client.on("error", (err) => {
    if (joining && err instanceof ProtocolError && err.fromServer && err.code === 101) {
      refused = { url: client.url, err };
      client.close();
    } else console.error(`${err.name}: ${err.message}`);
  });
  try {
    await client.connect();
  } catch (err) {
    if (!refused) throw err;
    const from = o.token ? "the token given with --token" : "a token minted from --secret, ROOMCAST_LOGIC_TOKEN_SECRET or --config";
    throw new Error(
      `${refused.url} refused the token (code 101: ${refused.err.message}); it was ${from}, which must be signed with logic's token.secret`,
    );
  } finally {
    joining = false;
  }
  return client;
}

function line(m: Message, json: boolean): string {
  if (json) {
    const level = m.important ? "important" : "normal";
    return JSON.stringify({ room: m.room, level, text: m.text(), bytes: m.data.byteLength, ...(m.type ? { type: m.type } : {}) });
  }
  return `${m.important ? "IMPORTANT" : "normal"}\t${m.room}\t${m.text()}`;
}

/**
 * POST /msg with a push token (--token, else one minted for 5 minutes). Prints "ok", and the connections the cluster
 * knew at the target when it published, when logic says (a protocol-2 request: user, conn, broadcast or a type).
 */
async function postMsg(o: Common, body: Record<string, unknown>, type: string | undefined): Promise<void> {
  const token = o.token ?? mint(o, "roomcast-cli", PUSH_SCOPE, 300);
  const res = await request(`${o.http}/msg`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify(type === undefined ? body : { ...body, type }),
  });
  const answer = (await res.json()) as { code: number; msg: string; data?: { connections?: unknown } };
  if (answer.code !== 1) throw new Error(`POST /msg answered HTTP ${res.status}: code ${answer.code} ${answer.msg}`);
  const n = answer.data?.connections;
  console.log(typeof n === "number" ? `ok (${n} connection${n === 1 ? "" : "s"})` : "ok");
}

const positiveInt = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError("expected a positive integer");
  return n;
};
const collect = (v: string, prev: string[] = []) => [...prev, v];

const program = new Command("roomcast")
  .description("Operate a roomcast cluster: mint tokens, push to rooms, watch rooms.")
  .showHelpAfterError()
  .addOption(new Option("--http <url>", "a logic node's HTTP address").env("ROOMCAST_HTTP_URL").default(DEFAULT_HTTP))
  .addOption(new Option("--ws <url>", "a conn node's ws://…/room (repeatable); default: GET /nodes of --http").argParser(collect))
  .addOption(new Option("--config <file>", "TOML whose [token] secret mints tokens").default(DEFAULT_CONFIG))
  .option("--secret <secret>", "the token secret (overrides ROOMCAST_LOGIC_TOKEN_SECRET and the config)")
  .option("--token <jwt>", "use this token instead of minting one")
  .option("--uid <uid>", "who tail, members, presence and say sign in as", `cli-${os.hostname()}-${process.pid}`);

const common = (cmd: Command) => cmd.optsWithGlobals<Common>();

program
  .command("token")
  .description("mint a token offline from the configured secret")
  .argument("<uid>", "the token's uid")
  .option("--push", "add scope push (what POST /msg requires)")
  .option("--ttl <seconds>", "lifetime", positiveInt, 86_400)
  .option("--room <room>", "a room (or prefix ending in *) the token may join; repeatable (the rooms claim)", collect)
  .action((uid: string, opts: { push?: boolean; ttl: number; room?: string[] }, cmd: Command) => {
    console.log(mint(common(cmd), uid, opts.push ? PUSH_SCOPE : undefined, opts.ttl, opts.room));
  });

program
  .command("push")
  .description("send an IMPORTANT message through POST /msg to a room, a user (every connection of it) or one connection")
  .option("-r, --room <room>", "the room")
  .option("--user <uid>", "the user: every connection signed in with that uid, on any node (room user:<uid>)")
  .option("--conn <connID>", "one connection, by the id its sign-in answer gave it (room conn:<connID>)")
  .option("--type <type>", "the message's type (0-64 bytes), delivered beside it")
  .argument("<msg...>", "the message (words are joined with spaces)")
  .action(async (words: string[], opts: { room?: string; user?: string; conn?: string; type?: string }, cmd: Command) => {
    const named = [
      opts.room !== undefined && { room_id: opts.room },
      opts.user !== undefined && { user: opts.user },
      opts.conn !== undefined && { conn: opts.conn },
    ].filter((t) => t !== false);
    if (named.length !== 1) throw new Error("push takes one target: --room <room>, --user <uid> or --conn <connID> (everyone: broadcast)");
    await postMsg(common(cmd), { ...named[0], msg: words.join(" ") }, opts.type);
  });

program
  .command("broadcast")
  .description("send an IMPORTANT message to every connection of the cluster through POST /msg")
  .option("--type <type>", "the message's type (0-64 bytes), delivered beside it")
  .argument("<msg...>", "the message (words are joined with spaces)")
  .action(async (words: string[], opts: { type?: string }, cmd: Command) => {
    await postMsg(common(cmd), { broadcast: true, msg: words.join(" ") }, opts.type);
  });

program
  .command("tail")
  .description("join a room and print every message that arrives (Ctrl-C stops)")
  .requiredOption("-r, --room <room>", "the room")
  .option("-n, --count <n>", "exit after n messages", positiveInt)
  .option("--json", "one JSON object per line")
  .action(async (opts: { room: string; count?: number; json?: boolean }, cmd: Command) => {
    const client = await join(common(cmd), opts.room, true);
    console.error(`joined ${opts.room} on ${client.url}`);
    client.on("disconnected", ({ url, code, reason }) =>
      console.error(`lost the connection to ${url} (${code}${reason ? ` ${reason}` : ""}); reconnecting`),
    );
    client.on("connected", ({ url }) => console.error(`regained the connection: joined ${opts.room} on ${url}`));
    let seen = 0;
    await new Promise<void>((resolve) => {
      client.on("message", (m) => {
        console.log(line(m, opts.json ?? false));
        if (opts.count !== undefined && ++seen >= opts.count) resolve();
      });
      client.on("closed", () => resolve());
      process.once("SIGINT", () => resolve());
      process.once("SIGTERM", () => resolve());
    });
    client.close();
  });

program
  .command("members")
  .description("print the room's member count across the cluster (this connection included)")
  .requiredOption("-r, --room <room>", "the room")
  .action(async (opts: { room: string }, cmd: Command) => {
    const client = await join(common(cmd), opts.room, false);
    try {
      console.log(await client.members());
    } finally {
      client.close();
    }
  });

program
  .command("presence")
  .description(
    "print the uids in a room across the cluster (this one's included), one a line, then their total: signs in to no room, then joins it",
  )
  .argument("<room>", "the room")
  .action(async (room: string, _opts: unknown, cmd: Command) => {
    const client = await join(common(cmd), undefined, false, [room]);
    try {
      await client.subscribe(room);
      const { uids, total } = await client.presence(room);
      for (const uid of [...uids].sort()) console.log(uid);
      console.log(`total ${total}`);
    } finally {
      client.close();
    }
  });

program
  .command("say")
  .description('join a room, send a chat message {"from","text"} as a member, and wait until it comes back')
  .requiredOption("-r, --room <room>", "the room")
  .option("--from <name>", "the sender the chat page shows (default: the uid the CLI signs in as)")
  .option("--raw", 'send the words as they are instead of chat JSON {"from","text"}')
  .option("--timeout <ms>", "how long to wait for the message to come back", positiveInt, 5_000)
  .argument("<msg...>", "the message (words are joined with spaces)")
  .action(async (words: string[], opts: { room: string; from?: string; raw?: boolean; timeout: number }, cmd: Command) => {
    const o = common(cmd);
    if (opts.raw && opts.from !== undefined) throw new Error("--raw sends the words alone: it takes no --from");
    const client = await join(o, opts.room, false);
    const text = opts.raw ? words.join(" ") : JSON.stringify({ from: opts.from ?? uidOf(o), text: words.join(" ") });
    try {
      const echoed = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the message did not come back within ${opts.timeout} ms`)), opts.timeout);
        client.on("message", (m) => {
          if (!m.important && m.text() === text) {
            clearTimeout(timer);
            resolve();
          }
        });
        client.on("error", (err) => {
          clearTimeout(timer);
          reject(err);
        });
      });
      client.send(text);
      await echoed;
      console.log("ok");
    } finally {
      client.close();
    }
  });

// The same rule as the servers': every ROOMCAST_* variable must name a setting or a known name.
Promise.resolve()
  .then(() => checkEnv(process.env, roomcastEnv()))
  .then(() => program.parseAsync(process.argv))
  .catch((err: unknown) => {
    console.error(`roomcast: ${(err as Error).message}`);
    process.exit(1);
  });
