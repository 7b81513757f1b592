// The rooms every signed-in connection is in without asking (protocol 2), named the same in every tier.

/** The broadcast room: every signed-in connection is in it, so a broadcast is a delivery to it. No client can name it. */
export const BROADCAST_ROOM = "";
/** user:<uid>: each of a uid's connections, on whatever conn node. Only that uid may join it. */
export const USER_ROOM_PREFIX = "user:";
/** conn:<connID>: one connection. No client may join it; the id comes back in the sign-in answer. */
export const CONN_ROOM_PREFIX = "conn:";

/** A connection id is `<conn node id>.<key>` (the key has no dot), so a push to it is routed to its node alone. */
export const connID = (connNode: string, key: string): string => `${connNode}.${key}`;

/** The conn node of a conn:<connID> room ("" when the id names none). */
export function connNodeOf(room: string): string {
  const id = room.slice(CONN_ROOM_PREFIX.length);
  return id.slice(0, Math.max(0, id.lastIndexOf(".")));
}
