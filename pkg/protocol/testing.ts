// Test helper: the protocol code a call throws.
import { RoomcastError } from "./errors";

/** The code of the RoomcastError fn throws, -1 for any other error, undefined if it does not throw. */
export function thrownCode(fn: () => unknown): number | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof RoomcastError ? err.code : -1;
  }
  return undefined;
}
