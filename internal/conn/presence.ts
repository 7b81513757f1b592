// PRESENCE (protocol 2): the uids in a room across the cluster. The conn node a client asks answers from its own rooms
// and asks the other conn nodes at once; a node that fails or is late is left out of the answer (and logged).
import type { Rooms } from "./room";

export interface RoomPresence {
  uids: string[];
  /** Distinct uids in the room where this was counted. */
  total: number;
}

/** The other conn nodes, asked for their part of a room's presence. */
export interface PresencePeers {
  ask(room: string, limit: number): Promise<RoomPresence[]>;
}

export class ClusterPresence {
  constructor(
    private readonly rooms: Rooms,
    private readonly limit: number,
    private readonly peers?: PresencePeers,
  ) {}

  /**
   * At most `limit` uids, this node's first, each once. The total is exact while every node listed all of its uids
   * (then the union is counted); past the cap it is the sum of the nodes' counts, where a uid on two nodes counts twice.
   */
  async list(room: string): Promise<RoomPresence> {
    const parts = [this.rooms.presence(room, this.limit), ...(this.peers ? await this.peers.ask(room, this.limit) : [])];
    const union = new Set<string>();
    for (const p of parts) for (const uid of p.uids) union.add(uid);
    const complete = parts.every((p) => p.uids.length === p.total);
    return {
      uids: [...union].slice(0, this.limit),
      total: complete ? union.size : parts.reduce((n, p) => n + p.total, 0),
    };
  }
}
