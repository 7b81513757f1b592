// Batch framing inside BroadcastRoomReq.data: |uint32 length, little-endian|bytes| repeated.
// Browser-safe (no Buffer): the client SDK unpacks with this.
// The seed's sample unpack reads only the low byte of each length; we always write and read all four.

export const LENGTH_PREFIX_BYTES = 4;

/** Concatenates messages, each behind its 32-bit little-endian length. */
export function packMessages(messages: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const m of messages) total += LENGTH_PREFIX_BYTES + m.byteLength;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  let off = 0;
  for (const m of messages) {
    view.setUint32(off, m.byteLength, true);
    out.set(m, off + LENGTH_PREFIX_BYTES);
    off += LENGTH_PREFIX_BYTES + m.byteLength;
  }
  return out;
}

/** Splits a batch into its messages (views into `batch`, not copies). Throws on a truncated batch. */
export function unpackMessages(batch: Uint8Array): Uint8Array[] {
  const view = new DataView(batch.buffer, batch.byteOffset, batch.byteLength);
  const out: Uint8Array[] = [];
  let off = 0;
  while (off < batch.byteLength) {
    if (off + LENGTH_PREFIX_BYTES > batch.byteLength) throw new RangeError(`truncated length prefix at byte ${off}`);
    const len = view.getUint32(off, true);
    off += LENGTH_PREFIX_BYTES;
    if (off + len > batch.byteLength) throw new RangeError(`message of ${len} bytes at byte ${off} runs past the batch end`);
    out.push(batch.subarray(off, off + len));
    off += len;
  }
  return out;
}
