// Just enough protobuf wire format to find the batch inside a roomcast delivery frame
// (Reply{type=1, data=2} → BroadcastRoomReq{roomID=1, msgLv=2, data=3}) without decoding the rest.

export interface Span {
  start: number;
  end: number;
}

function varint(buf: Uint8Array, pos: number): [value: number, next: number] {
  let v = 0;
  let shift = 0;
  for (;;) {
    const b = buf[pos++];
    v += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) return [v, pos];
    shift += 7;
  }
}

/** The span of field `field` (length-delimited) within [start, end), and any varint field `want` read on the way. */
function field(buf: Uint8Array, start: number, end: number, want: number, varints?: Map<number, number>): Span | undefined {
  let pos = start;
  while (pos < end) {
    const [key, p] = varint(buf, pos);
    pos = p;
    const num = Math.floor(key / 8);
    const type = key & 7;
    if (type === 0) {
      const [v, q] = varint(buf, pos);
      varints?.set(num, v);
      pos = q;
    } else if (type === 2) {
      const [len, q] = varint(buf, pos);
      if (num === want) return { start: q, end: q + len };
      pos = q + len;
    } else return undefined;
  }
  return undefined;
}

/** The Reply's type and data span. */
export function replyParts(buf: Uint8Array): { type: number; data: Span } {
  const varints = new Map<number, number>();
  const data = field(buf, 0, buf.length, 2, varints) ?? { start: 0, end: 0 };
  return { type: varints.get(1) ?? 0, data };
}

/** The batch span inside a BroadcastRoomReq span. */
export function batchOf(buf: Uint8Array, broadcast: Span): Span {
  return field(buf, broadcast.start, broadcast.end, 3) ?? { start: 0, end: 0 };
}

/** Calls fn(start, end) for each message of a |u32 LE length|bytes| batch. */
export function eachMessage(buf: Uint8Array, batch: Span, fn: (start: number, end: number) => void): number {
  let pos = batch.start;
  let n = 0;
  while (pos + 4 <= batch.end) {
    const len = buf[pos] + buf[pos + 1] * 0x100 + buf[pos + 2] * 0x10000 + buf[pos + 3] * 0x1000000;
    pos += 4;
    fn(pos, pos + len);
    pos += len;
    n++;
  }
  return n;
}
