#!/usr/bin/env bash
# Builds the Centrifugo the benchmark compares against into test/bench/.peers/bin (owned by the bench, never
# installed system-wide); safe to run again: does nothing when the binary there already reports the version.
# Usage: test/bench/peers/install-centrifugo.sh   (prints the binary's path)
set -euo pipefail
CENTRIFUGO_VERSION=6.9.1
mkdir -p "$(dirname "$0")/../.peers/bin"
bin=$(cd "$(dirname "$0")/../.peers/bin" && pwd)
target="$bin/centrifugo"
export PATH="/usr/local/go/bin:$PATH"

fail() {
  echo "install-centrifugo: $*" >&2
  exit 1
}

if [ -x "$target" ] && "$target" version 2>/dev/null | grep -q "^Centrifugo v$CENTRIFUGO_VERSION "; then
  echo "$target"
  exit 0
fi

command -v go >/dev/null 2>&1 || fail "Go is needed to build Centrifugo (expected /usr/local/go/bin/go)"

# `go install module@version` asks the proxy for the version list, which some proxies refuse; a throwaway
# module that requires Centrifugo at the exact version needs only that version (v6 needs Go 1.26 or newer).
mod=$(mktemp -d "${TMPDIR:-/tmp}/centrifugo-build.XXXXXX")
trap 'rm -rf "$mod"' EXIT
cat >"$mod/go.mod" <<MOD
module cfbuild

go 1.26

require github.com/centrifugal/centrifugo/v6 v$CENTRIFUGO_VERSION
MOD
printf '//go:build tools\n\npackage tools\n\nimport _ "github.com/centrifugal/centrifugo/v6"\n' >"$mod/tools.go"

log="$mod/build.log"
export GOFLAGS="-mod=mod ${GOFLAGS:-}"
echo "install-centrifugo: building Centrifugo v$CENTRIFUGO_VERSION into $bin (a few minutes)" >&2
# The release sets the version through ldflags; without it the binary reports 0.0.0.
if ! (cd "$mod" && go mod tidy && go build -o "$target.tmp" \
  -ldflags "-s -w -X github.com/centrifugal/centrifugo/v6/internal/build.Version=$CENTRIFUGO_VERSION" \
  github.com/centrifugal/centrifugo/v6) >"$log" 2>&1; then
  rm -f "$target.tmp"
  fail "go build of Centrifugo v$CENTRIFUGO_VERSION failed: $(grep -v '^go: downloading' "$log" | tail -n 1 | sed 's/^[[:space:]]*//')"
fi
mv -f "$target.tmp" "$target"
"$target" version 2>/dev/null | grep -q "^Centrifugo v$CENTRIFUGO_VERSION " ||
  fail "the built binary does not report v$CENTRIFUGO_VERSION: $("$target" version 2>&1 | head -n 1)"
echo "$target"
