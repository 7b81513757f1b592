import { LogThrottle } from "./throttle";

describe("LogThrottle", () => {
  it("writes the first line of an interval with the count left out before it", () => {
    const t = new LogThrottle(1_000);
    const written: number[] = [];
    for (const at of [0, 10, 500, 999, 1_000, 1_200, 5_000]) t.maybe((skipped) => written.push(skipped), at);
    expect(written).toEqual([0, 3, 1]);
  });
});
