// deploy/install-deps.sh when nsqd has to be built: go's own errors are shown and the script fails with a sentence that
// says what it needs, and a Go that is too old is refused before building. Each test runs a copy of the script in a
// throwaway root whose .data/bin (first on the script's PATH) holds a fake `go`, so nothing is built or downloaded.
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { repoRoot } from "./harness/bin";
import { killAll, startProc } from "./harness/proc";

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));
afterAll(() => killAll());

/** A root with deploy/install-deps.sh and a fake go reporting `version` that fails every build with its arguments. */
function fakeRoot(version: string): string {
  root = mkdtempSync(path.join(os.tmpdir(), "roomcast-install-deps-"));
  mkdirSync(path.join(root, "deploy"));
  copyFileSync(path.join(repoRoot, "deploy/install-deps.sh"), path.join(root, "deploy/install-deps.sh"));
  const bin = path.join(root, ".data/bin");
  mkdirSync(bin, { recursive: true });
  const go = path.join(bin, "go");
  writeFileSync(
    go,
    `#!/bin/sh\n` +
      `case "$1" in\n` +
      `  env) echo ${version} ;;\n` +
      `  version) echo "go version ${version} linux/amd64" ;;\n` +
      `  *) echo "fake go $*: undefined: nsqd.New" >&2; exit 1 ;;\n` +
      `esac\n`,
  );
  chmodSync(go, 0o755);
  return root;
}

/** Runs the copy with a PATH where only the fake go can build (etcd and chromium are found as usual). */
async function run(dir: string): Promise<{ code: number | null; out: string }> {
  const proc = startProc("install-deps.sh", "bash", [path.join(dir, "deploy/install-deps.sh")], { PATH: "/usr/bin:/bin" }, dir);
  const code = await proc.exited;
  return { code, out: proc.output() };
}

describe("deploy/install-deps.sh building nsqd", () => {
  it("shows go's errors from go install and from the fallback build, then exits 1 saying what it needs", async () => {
    const { code, out } = await run(fakeRoot("go1.26.8"));
    expect(code).toBe(1);
    expect(out).toContain("fake go install github.com/nsqio/nsq/apps/nsqd@v1.3.0: undefined: nsqd.New");
    expect(out).toContain("fake go mod tidy: undefined: nsqd.New");
    expect(out).toContain("install-deps: building nsqd and nsqlookupd v1.3.0 with");
    expect(out).toContain("failed; go's errors are above");
    expect(out).toContain("it needs Go 1.21 or newer");
  }, 30_000);

  it("refuses a Go older than 1.21 before building, naming the version it found", async () => {
    const { code, out } = await run(fakeRoot("go1.19.13"));
    expect(code).toBe(1);
    expect(out).toMatch(/install-deps: Go 1\.21 or newer is needed to build nsqd v1\.3\.0; \S+\/go is go1\.19\.13/);
    expect(out).not.toContain("fake go install");
  }, 30_000);
});
