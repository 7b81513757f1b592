// Builds the installable @roomcast/client into dist/ (git-ignored): `pnpm --filter @roomcast/client build`, and
// `pnpm --filter @roomcast/client pack` runs it first (prepack).
//
//   dist/index.mjs                      ESM, for Node 20 and bundlers (the "import" condition)
//   dist/index.cjs                      CommonJS (the "require" condition)
//   dist/index.d.mts, dist/index.d.cts  the types, one self-contained file for each
//   dist/roomcast-client.browser.mjs    one ES module with no imports at all, for a <script type="module"> ("./browser")
//
// The sources import ../protocol and the generated protobufjs code of @roomcast/api/messages, which are workspace
// folders a user never installs: every build bundles them in. protobufjs is bundled as well (its small "minimal"
// runtime only): the generated code require()s it, which an ES module cannot do from outside the bundle, and the
// runtime must be the one the code was generated with. eventemitter3 stays a dependency: RoomcastClient extends its
// EventEmitter, so the types import it too.
import { build } from "esbuild";
import { generateDtsBundle } from "dts-bundle-generator";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const dir = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(dir, "dist");
const entry = path.join(dir, "index.ts");
const pkg = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8"));
const external = Object.keys(pkg.dependencies ?? {});

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist);

const common = {
  entryPoints: [entry],
  bundle: true,
  target: "es2020",
  logLevel: "warning",
  legalComments: "inline",
  banner: { js: `// ${pkg.name} ${pkg.version}` },
};
await Promise.all([
  build({ ...common, platform: "neutral", format: "esm", external, outfile: path.join(dist, "index.mjs") }),
  build({ ...common, platform: "node", format: "cjs", external, outfile: path.join(dist, "index.cjs") }),
  // The browser platform fails the build on any Node built-in that the SDK or its bundled code imports.
  build({ ...common, platform: "browser", format: "esm", minify: true, outfile: path.join(dist, "roomcast-client.browser.mjs") }),
]);

// Types: one file that inlines everything local and imports only the package's dependencies.
const [dts] = generateDtsBundle([{ filePath: entry, libraries: { importedLibraries: external } }], {
  preferredConfigPath: path.join(dir, "tsconfig.build.json"),
});
for (const spec of [...dts.matchAll(/from\s+["']([^"']+)["']/g)].map((m) => m[1])) {
  if (!external.includes(spec)) throw new Error(`the bundled types import ${spec}, which is not a dependency of ${pkg.name}`);
}
const header = `// ${pkg.name} ${pkg.version}\n`;
writeFileSync(path.join(dist, "index.d.mts"), header + dts);
writeFileSync(path.join(dist, "index.d.cts"), header + dts);

console.log(`${pkg.name}: built ${path.relative(process.cwd(), dist) || "."}`);
