// Reading a JWT's expiry, so a client with a token function can refresh before the server says the token expired.

const decoder = new TextDecoder();

/** The `exp` claim of a JWT in ms since the epoch, 0 when there is none. Not verified: it only times the refresh. */
export function tokenExpiry(token: string): number {
  const part = token.split(".")[1];
  if (!part) return 0;
  try {
    const bin = atob(
      part
        .replace(/-/g, "+")
        .replace(/_/g, "/")
        .padEnd(Math.ceil(part.length / 4) * 4, "="),
    );
    const exp = (JSON.parse(decoder.decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)))) as { exp?: unknown }).exp;
    return typeof exp === "number" && exp > 0 ? exp * 1000 : 0;
  } catch {
    return 0;
  }
}
