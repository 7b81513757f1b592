// The shapes of protocol 2's history positions and recovery outcomes, shared by the codecs (codec.ts answers carry a
// recovery; history_codec.ts decodes positions). Types only, so neither codec imports the other for them.

/** Where a client stands in a room's history: the epoch, and the offset of the last message it has. */
export interface Position {
  epoch: string;
  offset: number;
}

/** Why a recovery (or a HISTORY page from a position) could not be given. */
export type NotRecovered = "epoch" | "trimmed" | "future" | "limit" | "unavailable" | "none";

/** The outcome of a recovery, on the answer to SIGN_IN or SUBSCRIBE. */
export interface Recovery {
  recovered: boolean;
  /** The room's epoch now, and the client's position once the messages before the answer are counted. */
  epoch: string;
  offset: number;
  /** "" when recovered. */
  reason: "" | NotRecovered;
  /** Messages the recovery delivered. */
  count: number;
}

/** What an answer (Err) may carry besides code and text. */
export interface AnswerExtra {
  /** The connection's id, on a sign-in's answer. */
  connID?: string;
  /** A MESSAGE's id, on its answer when it carried a request id. */
  messageID?: string;
  recovery?: Recovery;
}
