// Loads uWebSockets.js's native binary directly. The npm repackaging silently falls back to a slow pure-JS
// implementation when the binary does not load; conn refuses to run on that fallback.
import * as path from "node:path";
import type * as UWS from "uWebSockets.js";

export type { UWS };

export interface LoadedUws {
  uws: typeof UWS;
  /** "native <binary path>". */
  implementation: string;
}

export function loadNativeUws(): LoadedUws {
  const pkgDir = path.dirname(require.resolve("uWebSockets.js/package.json"));
  const binary = path.join(pkgDir, "binaries", `uws_${process.platform}_${process.arch}_${process.versions.modules}.node`);
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const uws = require(binary) as typeof UWS;
    return { uws, implementation: `native ${binary}` };
  } catch (err) {
    throw new Error(
      `uWebSockets.js native binary ${binary} does not load on Node ${process.version} (${process.platform}/${process.arch}); ` +
        `conn does not run on the pure-JS fallback`,
      { cause: err },
    );
  }
}
