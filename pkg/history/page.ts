// A page of a room's history, as HISTORY (conn) and GET /history (logic) both answer it: the newest messages, or
// those after a position, at most maxPage; or why there are none to give.
import { HistoryUnavailable, type History, type StoredMessage } from "./history";

export interface PageQuery {
  room: string;
  /** After this position; absent: the room's newest messages. */
  since?: { epoch: string; offset: number };
  /** 0 or over maxPage: maxPage. */
  limit: number;
}

export interface Page {
  epoch: string;
  /** The room's newest offset. */
  offset: number;
  messages: StoredMessage[];
  more: boolean;
  /** "" when answered: "epoch", "trimmed", "future" (no page from that position), "none" (no history kept), "unavailable". */
  reason: "" | "epoch" | "trimmed" | "future" | "none" | "unavailable";
}

/** `history` undefined or a room that keeps nothing: reason "none". Never throws HistoryUnavailable: it is a reason. */
export async function readPage(history: History | undefined, q: PageQuery, maxPage: number): Promise<Page> {
  const limit = q.limit === 0 || q.limit > maxPage ? maxPage : q.limit;
  const none = (reason: Page["reason"], epoch = "", offset = 0): Page => ({ epoch, offset, messages: [], more: false, reason });
  if (!history || !history.keeps(q.room)) return none("none");
  try {
    if (!q.since) {
      const l = await history.latest(q.room, limit);
      return { epoch: l.epoch, offset: l.offset, messages: l.messages, more: false, reason: "" };
    }
    const s = await history.since(q.room, q.since.epoch, q.since.offset, limit);
    if (!s.ok) return none(s.reason, s.epoch, s.offset);
    return { epoch: s.epoch, offset: s.offset, messages: s.messages, more: s.more, reason: "" };
  } catch (err) {
    if (!(err instanceof HistoryUnavailable)) throw err;
    return none("unavailable");
  }
}
