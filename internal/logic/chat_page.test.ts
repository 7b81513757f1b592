import { bundleChatScript } from "./chat_page";

describe("chat page bundle", () => {
  // esbuild's browser platform fails the build on any Node built-in the page or the SDK imports.
  it("bundles the page and the SDK for browsers, with no Node built-in", async () => {
    const js = await bundleChatScript();
    expect(js).toContain('binaryType="arraybuffer"');
  });
});
