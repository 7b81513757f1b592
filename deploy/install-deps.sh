#!/usr/bin/env bash
# Installs whatever roomcast's cluster and tests need and this machine lacks; safe to run again.
#   nsqd, nsqlookupd  -> built from the Go module proxy into .data/bin (GOBIN owned by the project); needs Go 1.21 or
#                        newer (nsq v1.3.0's go.mod asks for 1.17, the fallback build module below declares 1.21)
#   etcd              -> Debian's etcd-server through apt
#   chromium          -> Debian's chromium through apt (the chat page's browser test drives it with playwright-core)
#   haproxy           -> Debian's haproxy through apt (TLS for clients, deploy/haproxy.cfg; test/wss.test.ts runs it)
#   redis-server      -> Debian's redis-server through apt (history in a cluster; it also starts Redis on 6379, which
#                        the tests use; the tests that kill Redis start their own)
# Usage: deploy/install-deps.sh [--quiet]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/.data/bin"
quiet=${1:-}
say() { [ "$quiet" = "--quiet" ] || echo "install-deps: $*"; }
mkdir -p "$bin"
export PATH="$bin:/usr/local/go/bin:$PATH"
NSQ_VERSION=v1.3.0
GO_MIN=1.21

have() { [ -x "$bin/$1" ] || command -v "$1" >/dev/null 2>&1; }

build_failed() {
  echo "install-deps: building nsqd and nsqlookupd $NSQ_VERSION with $(command -v go) ($1) failed; go's errors are above." >&2
  echo "install-deps: it needs Go $GO_MIN or newer and the Go module proxy (GOPROXY); or put nsqd and nsqlookupd $NSQ_VERSION in $bin or on PATH." >&2
  exit 1
}

install_nsq() {
  command -v go >/dev/null 2>&1 || { echo "install-deps: Go $GO_MIN or newer is needed to build nsqd (expected /usr/local/go/bin/go)" >&2; exit 1; }
  local version
  version=$(go env GOVERSION 2>/dev/null || true)
  if ! printf '%s\n' "go$GO_MIN" "${version:-go0}" | sort -C -V; then
    echo "install-deps: Go $GO_MIN or newer is needed to build nsqd $NSQ_VERSION; $(command -v go) is ${version:-of unknown version}" >&2
    exit 1
  fi
  say "building nsqd and nsqlookupd $NSQ_VERSION into $bin with $version"
  if GOBIN="$bin" go install "github.com/nsqio/nsq/apps/nsqd@$NSQ_VERSION" &&
     GOBIN="$bin" go install "github.com/nsqio/nsq/apps/nsqlookupd@$NSQ_VERSION"; then
    return
  fi
  say "go install failed (above); building through a throwaway module instead"
  # Some module proxies refuse the version list that `go install pkg@version` asks for;
  # building through a throwaway module that requires nsq at that version needs only the version itself.
  local mod="$root/.data/build/nsq"
  rm -rf "$mod" && mkdir -p "$mod"
  cat > "$mod/go.mod" <<MOD
module roomcast.local/nsqbuild

go 1.21

require github.com/nsqio/nsq $NSQ_VERSION

replace github.com/judwhite/go-svc => github.com/mreiferson/go-svc v1.2.2-0.20210815184239-7a96e00010f6
MOD
  printf '//go:build tools\n\npackage tools\n\nimport (\n\t_ "github.com/nsqio/nsq/apps/nsqd"\n\t_ "github.com/nsqio/nsq/apps/nsqlookupd"\n)\n' > "$mod/tools.go"
  (cd "$mod" && go mod tidy && go build -o "$bin/" github.com/nsqio/nsq/apps/nsqd github.com/nsqio/nsq/apps/nsqlookupd) ||
    build_failed "$version"
}

apt_updated=""
apt_install() {
  if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
  [ -n "$apt_updated" ] || { $sudo apt-get update -qq >/dev/null; apt_updated=1; }
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

install_etcd() {
  say "installing etcd-server through apt"
  apt_install etcd-server
  # Debian starts a system etcd on 2379; roomcast starts its own, so stop that one where systemd runs it.
  if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet etcd 2>/dev/null; then $sudo systemctl disable --now etcd >/dev/null 2>&1 || true; fi
}

{ have nsqd && have nsqlookupd; } || install_nsq
have etcd || install_etcd
[ -x /usr/bin/chromium ] || { say "installing chromium through apt"; apt_install chromium; }
# Debian puts haproxy in /usr/sbin, which a user's PATH may lack.
{ [ -x /usr/sbin/haproxy ] || have haproxy; } || { say "installing haproxy through apt"; apt_install haproxy; }

have redis-server || { say "installing redis-server through apt"; apt_install redis-server; }

say "nsqd: $(command -v nsqd)  nsqlookupd: $(command -v nsqlookupd)  etcd: $(command -v etcd)  chromium: /usr/bin/chromium  haproxy: $(command -v haproxy || echo /usr/sbin/haproxy)  redis-server: $(command -v redis-server)"
