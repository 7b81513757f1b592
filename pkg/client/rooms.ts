// The rooms a client is in (protocol 2): the sign-in room and the rooms joined with SUBSCRIBE, which every reconnect
// joins again; and the handlers that listen to one room only.
import type { Message } from "./message";

export type RoomHandler = (message: Message) => void;

export class Rooms {
  /** The room sign-in joins, until the client leaves it. */
  signInRoom: string | undefined;
  /** Rooms joined with SUBSCRIBE, in the order joined. */
  private readonly joined = new Set<string>();
  /** The request id of each room's latest subscribe or unsubscribe still unanswered: an older answer must not undo it. */
  private readonly latest = new Map<string, number>();
  private readonly handlers = new Map<string, Set<RoomHandler>>();

  constructor(signInRoom: string | undefined) {
    this.signInRoom = signInRoom;
  }

  /** Every room the client is in, or joins again on reconnect. */
  list(): string[] {
    const all = new Set(this.signInRoom === undefined ? [] : [this.signInRoom]);
    for (const r of this.joined) all.add(r);
    return [...all];
  }

  /** The rooms a new connection subscribes to after its sign-in. */
  toRejoin(): string[] {
    return [...this.joined].filter((r) => r !== this.signInRoom);
  }

  /** A subscribe or unsubscribe of `room` was sent as request `id`. */
  begin(room: string, id: number): void {
    this.latest.set(room, id);
  }

  /** The server let the client in: it is in the room unless it asked to leave since. */
  entered(room: string, id: number): void {
    if (!this.settle(room, id)) return;
    this.joined.add(room);
  }

  /** The server refused (a reconnect's subscribe included): the client is not in the room. A time-out or a lost connection changes nothing. */
  refused(room: string, id: number, byServer: boolean): void {
    if (this.settle(room, id) && byServer) this.joined.delete(room);
  }

  /** An unsubscribe was answered (or failed): it is no longer under way. */
  finished(room: string, id: number): void {
    this.settle(room, id);
  }

  /** The client leaves the room now, whatever the server answers: reconnects no longer join it. */
  leave(room: string): void {
    this.joined.delete(room);
    if (this.signInRoom === room) this.signInRoom = undefined;
  }

  /** Calls `handler` with each message of `room` ("user:<uid>", "conn:<id>" and "" included); returns its remover. */
  on(room: string, handler: RoomHandler): () => void {
    let set = this.handlers.get(room);
    if (!set) this.handlers.set(room, (set = new Set()));
    set.add(handler);
    return () => {
      set.delete(handler);
      if (set.size === 0 && this.handlers.get(room) === set) this.handlers.delete(room);
    };
  }

  dispatch(m: Message): void {
    const set = this.handlers.get(m.room);
    if (set) for (const h of [...set]) h(m);
  }

  /** True when request `id` is the room's latest; it is then no longer under way. */
  private settle(room: string, id: number): boolean {
    if (this.latest.get(room) !== id) return false;
    this.latest.delete(room);
    return true;
  }
}
