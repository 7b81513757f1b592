// The tiers stand side by side: no file of one tier imports another tier's folder, and shared code (pkg, api)
// imports no tier. They meet only in pkg/link (docs/design.md, "Tiers").
import { readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";

const root = path.resolve(__dirname, "..");
const TIERS = ["conn", "logic", "job"];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (name === "node_modules" || name === "gen") return [];
    if (statSync(p).isDirectory()) return sources(p);
    return name.endsWith(".ts") ? [p] : [];
  });
}

/** Every module a file names in an import, export … from, require() or import(). */
function imports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const found: string[] = [];
  for (const re of [/\bfrom\s+["']([^"']+)["']/g, /\brequire\(\s*["']([^"']+)["']\s*\)/g, /\bimport\(\s*["']([^"']+)["']\s*\)/g]) {
    for (const m of text.matchAll(re)) found.push(m[1]!);
  }
  return found;
}

/** The tier a module specifier from `file` lands in, or undefined when it is not a tier's folder. */
function tierOf(file: string, spec: string): string | undefined {
  const pkg = /^@roomcast\/internal\/([^/]+)/.exec(spec);
  if (pkg) return pkg[1];
  if (!spec.startsWith(".")) return undefined;
  const rel = path.relative(path.join(root, "internal"), path.resolve(path.dirname(file), spec));
  if (rel.startsWith("..")) return undefined;
  return rel.split(path.sep)[0];
}

function crossings(dirs: string[], allowed: (file: string) => string | undefined): string[] {
  const out: string[] = [];
  for (const dir of dirs)
    for (const file of sources(path.join(root, dir))) {
      const own = allowed(file);
      for (const spec of imports(file)) {
        const tier = tierOf(file, spec);
        if (tier && tier !== own) out.push(`${path.relative(root, file)} imports ${spec}`);
      }
    }
  return out;
}

describe("layout", () => {
  it("finds the imports it checks (a file of each tier imports pkg/link)", () => {
    for (const tier of TIERS) {
      const specs = sources(path.join(root, "internal", tier)).flatMap(imports);
      expect(specs).toContain("@roomcast/pkg/link");
    }
    // The checker sees a crossing where there is one.
    expect(tierOf(path.join(root, "internal/job/job.ts"), "../conn/node")).toBe("conn");
    expect(tierOf(path.join(root, "internal/job/job.ts"), "@roomcast/internal/logic")).toBe("logic");
  });

  it("no file under internal/<tier>/ imports another tier", () => {
    expect(crossings(["internal"], (file) => path.relative(path.join(root, "internal"), file).split(path.sep)[0])).toEqual([]);
  });

  it("pkg and api import no tier at all", () => {
    expect(crossings(["pkg", "api"], () => undefined)).toEqual([]);
  });
});
