// Benchmark message bodies: ASCII "<publisher>,<seq>,<intended send time µs>;" padded with "x" to the size,
// the same bytes for every system (text, so POST /msg, socket.io and Centrifugo carry them unchanged).
// The time is the intended send time on the monotonic clock (shared by every process on the host), so
// latency includes any queueing in the publisher: no coordinated omission.

/** Monotonic microseconds, comparable across processes on one host (CLOCK_MONOTONIC). */
export const nowUs = (): number => Number(process.hrtime.bigint() / 1000n);

export function makeBody(publisher: number, seq: number, intendedUs: number, size: number): string {
  const head = `${publisher},${seq},${intendedUs};`;
  return head.length >= size ? head : head + "x".repeat(size - head.length);
}

export interface Stamp {
  publisher: number;
  seq: number;
  intendedUs: number;
}

const COMMA = 0x2c;
const SEMI = 0x3b;

/** Reads the header of a body (bytes at [start, end) of buf) without copying; undefined if it is not one. */
export const readStamp = (buf: Uint8Array, start: number, end: number): Stamp | undefined => parseStamp((i) => buf[i], start, end);

/** The same for a body delivered as a string (text protocols). */
export const readStampText = (body: string): Stamp | undefined => parseStamp((i) => body.charCodeAt(i), 0, body.length);

function parseStamp(code: (i: number) => number, start: number, end: number): Stamp | undefined {
  const fields = [0, 0, 0];
  let f = 0;
  for (let i = start; i < end; i++) {
    const c = code(i);
    if (c === SEMI) return f === 2 ? { publisher: fields[0], seq: fields[1], intendedUs: fields[2] } : undefined;
    if (c === COMMA) {
      if (++f > 2) return undefined;
    } else if (c >= 0x30 && c <= 0x39) fields[f] = fields[f] * 10 + (c - 0x30);
    else return undefined;
  }
  return undefined;
}
