import jwt from "jsonwebtoken";
import { Tokens, bearer, PUSH_SCOPE } from "./token";
import { thrownCode as codeOf } from "../protocol/testing";

const tokens = new Tokens({ secret: "test-secret", ttlSec: 60 });

describe("token", () => {
  it("a signed token verifies and carries uid and scope", () => {
    const claims = tokens.verify(tokens.sign("alice", PUSH_SCOPE));
    expect(claims.uid).toBe("alice");
    expect(claims.scope).toBe("push");
    expect(claims.exp).toBeGreaterThan(Date.now() / 1000);
  });

  it("an expired token is refused with 101", () => {
    const t = jwt.sign({ uid: "a", exp: Math.floor(Date.now() / 1000) - 10 }, "test-secret", { algorithm: "HS256" });
    expect(codeOf(() => tokens.verify(t))).toBe(101);
  });

  it("a token signed with another key is refused with 101", () => {
    const t = new Tokens({ secret: "other", ttlSec: 60 }).sign("a");
    expect(codeOf(() => tokens.verify(t))).toBe(101);
  });

  it("an alg:none token is refused with 101", () => {
    const t = jwt.sign({ uid: "a" }, "", { algorithm: "none", expiresIn: 60 });
    expect(t.split(".")[2]).toBe("");
    expect(codeOf(() => tokens.verify(t))).toBe(101);
  });

  it("an HS512 token with the right secret is refused: the algorithm is pinned", () => {
    const t = jwt.sign({ uid: "a" }, "test-secret", { algorithm: "HS512", expiresIn: 60 });
    expect(codeOf(() => tokens.verify(t))).toBe(101);
  });

  it("a token without uid or exp is refused", () => {
    expect(codeOf(() => tokens.verify(jwt.sign({ foo: 1 }, "test-secret", { expiresIn: 60 })))).toBe(101);
    expect(codeOf(() => tokens.verify(jwt.sign({ uid: "a" }, "test-secret")))).toBe(101);
  });

  it("garbage is refused with 101", () => {
    expect(codeOf(() => tokens.verify("not.a.jwt"))).toBe(101);
    expect(codeOf(() => tokens.verify(""))).toBe(101);
  });

  it("verifyPush requires the push scope", () => {
    expect(codeOf(() => tokens.verifyPush(tokens.sign("svc")))).toBe(101);
    expect(tokens.verifyPush(tokens.sign("svc", "push")).uid).toBe("svc");
  });

  it("bearer() accepts the header with and without the word Bearer", () => {
    expect(bearer("Bearer abc")).toBe("abc");
    expect(bearer("bearer  abc ")).toBe("abc");
    expect(bearer("abc")).toBe("abc");
    expect(bearer(undefined)).toBe("");
  });
});
