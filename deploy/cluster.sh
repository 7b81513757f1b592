#!/usr/bin/env bash
# Starts a local roomcast cluster: nsqlookupd, nsqd, etcd, then 2 logic, 2 job and 2 conn nodes on the port
# plan in the README ("Ports"). Data and logs live under .data/cluster.
#
# Whatever stops this script stops every process it started, nodes first: Ctrl-C, SIGINT, SIGTERM or SIGHUP
# (exit 0), a failed start, or any node, nsqd, nsqlookupd or etcd exiting on its own (the script names it and its
# log, stops the rest and exits 1; nothing is restarted). Each child runs in a process group of its own, which is
# signalled as a whole: SIGTERM, then SIGKILL after 15 s. Only a SIGKILL of the script itself leaves them running.
#
# Knobs (environment, read here and not passed on to the nodes; the defaults are the README's port plan):
#   ROOMCAST_NODES=2                      nodes per tier
#   ROOMCAST_CLUSTER_DATA=.data/cluster   nsqd and etcd data, every log
#   ROOMCAST_CLUSTER_PORT_BASE=3100       node i listens on BASE+100*i + 2 (conn ws), 8 (conn ops), 9 (conn gRPC),
#                                         11 (logic http), 18 (logic ops), 19 (logic gRPC), 21 (job ops)
#   ROOMCAST_CLUSTER_NSQD_PORT=4150       nsqd TCP; its HTTP port is the next one
#   ROOMCAST_CLUSTER_LOOKUPD_PORT=4160    nsqlookupd TCP; its HTTP port is the next one
#   ROOMCAST_CLUSTER_ETCD_PORT=2379       etcd's client port; its peer port is the next one
#   ROOMCAST_CLUSTER_TLS=0                1: TLS on every internal link. A throwaway CA and node certificate
#                                         (deploy/make-certs.sh) in DATA/pki; nsqd requires TLS with a client
#                                         certificate (its HTTP port is then HTTPS); etcd serves https with
#                                         client-certificate auth and user/password auth (user roomcast, password
#                                         in DATA/pki/etcd-password, set up by deploy/etcd-auth.mjs; data in
#                                         DATA/etcd-tls, made afresh each start); every node
#                                         turns tls.grpc, tls.etcd and tls.nsq on with those files
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash deploy/install-deps.sh
export PATH="$root/.data/bin:$PATH"
data=$(realpath -m "${ROOMCAST_CLUSTER_DATA:-$root/.data/cluster}")
N=${ROOMCAST_NODES:-2}
base=${ROOMCAST_CLUSTER_PORT_BASE:-3100}
nsqd_port=${ROOMCAST_CLUSTER_NSQD_PORT:-4150}
lookupd_port=${ROOMCAST_CLUSTER_LOOKUPD_PORT:-4160}
etcd_port=${ROOMCAST_CLUSTER_ETCD_PORT:-2379}
tls=${ROOMCAST_CLUSTER_TLS:-0}
unset ROOMCAST_NODES ROOMCAST_CLUSTER_DATA ROOMCAST_CLUSTER_PORT_BASE ROOMCAST_CLUSTER_NSQD_PORT ROOMCAST_CLUSTER_LOOKUPD_PORT \
  ROOMCAST_CLUSTER_ETCD_PORT ROOMCAST_CLUSTER_TLS
case $tls in
  0 | 1) ;;
  *) echo "roomcast: ROOMCAST_CLUSTER_TLS must be 0 or 1, not '$tls'" >&2; exit 2 ;;
esac
# With TLS, etcd keeps its data (the registry: node leases only) in etcd-tls, made afresh each start: its users and
# password are this start's, and a later plaintext start does not meet an etcd that wants a password.
etcd_data="$data/etcd"
((tls)) && etcd_data="$data/etcd-tls" && rm -rf "$etcd_data"
mkdir -p "$data/nsqd" "$etcd_data" "$data/logs"
pids=()   # the nodes
infra=()  # nsqlookupd, nsqd, etcd
declare -A names logs

# start NAME LOG CMD...: CMD (exec'd, so $! is its pid) in the background, in a process group of its own.
start() {
  local name=$1 log=$2
  shift 2
  set -m
  "$@" </dev/null >"$log" 2>&1 &
  set +m
  names[$!]=$name
  logs[$!]=$log
}

# running PID: the child has not exited (an exited child stays a zombie until waited for, so its group id stays ours).
running() {
  local stat
  stat=$(ps -o stat= -p "$1" 2>/dev/null) && [[ $stat != Z* ]]
}

# stop_groups PID...: SIGTERM to each process group, SIGKILL to what is left of them after 15 s, then reap.
stop_groups() {
  local pid end=$((SECONDS + 15))
  for pid; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  for pid; do
    while running "$pid" && ((SECONDS < end)); do sleep 0.1; done
    kill -KILL -- "-$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
}

say() { echo "$@" 2>/dev/null || true; } # a closed terminal or pipe must not cut the stop short

stop() {
  trap '' INT TERM HUP PIPE
  trap - EXIT
  say
  say "stopping roomcast nodes..."
  stop_groups "${pids[@]}"
  say "stopping nsqd, nsqlookupd, etcd..."
  stop_groups "${infra[@]}"
  say "stopped."
}
trap 'stop; exit 0' INT TERM HUP
trap 'stop; exit 1' EXIT

# died PID STATUS: the child exited on its own; name it and its log, then the EXIT trap stops the rest.
died() {
  local how="with status $2"
  (($2 > 128)) && how="on signal $(kill -l $(($2 - 128)) 2>/dev/null || echo $(($2 - 128)))"
  echo "roomcast: ${names[$1]} exited $how before the cluster was stopped; its log: ${logs[$1]}" >&2
  grep -v '^[[:space:]]*at ' "${logs[$1]}" 2>/dev/null | tail -n 5 | sed 's/^/  | /' >&2 || true
  exit 1
}

# wait_port PORT: until something listens there, or until a started child exits (then it is named).
wait_port() {
  local pid status
  for _ in $(seq 1 300); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    for pid in "${infra[@]}" "${pids[@]}"; do
      if ! running "$pid"; then
        wait "$pid" 2>/dev/null && status=0 || status=$?
        died "$pid" "$status"
      fi
    done
    sleep 0.1
  done
  echo "roomcast: nothing listens on 127.0.0.1:$1 after 30 s" >&2
  return 1
}

nsqd_http=$((nsqd_port + 1)) lookupd_http=$((lookupd_port + 1)) etcd_peer=$((etcd_port + 1))
scheme=http nsqd_tls=() etcd_tls=() CONN_tls=() LOGIC_tls=() JOB_tls=() # the *_tls: each tier's TLS settings
if ((tls)); then
  # A fresh CA each start: nothing signed by an earlier one is trusted.
  pki="$data/pki"
  rm -rf "$pki"
  bash deploy/make-certs.sh "$pki"
  ca="$pki/ca.pem" cert="$pki/node.pem" key="$pki/node-key.pem"
  (umask 077 && openssl rand -hex 16 >"$pki/etcd-password")
  scheme=https
  # nsqd's HTTP API is HTTPS on the HTTP port; its plain HTTP listener (a port the kernel picks) refuses everything.
  nsqd_tls=(-http-address 127.0.0.1:0 -https-address "127.0.0.1:$nsqd_http" -tls-cert "$cert" -tls-key "$key"
    -tls-root-ca-file "$ca" -tls-client-auth-policy=require-verify -tls-required=true)
  etcd_tls=(--cert-file "$cert" --key-file "$key" --trusted-ca-file "$ca" --client-cert-auth)
  for t in CONN LOGIC JOB; do
    declare -n node_tls="${t}_tls"
    node_tls=("ROOMCAST_${t}_TLS_CA=$ca" "ROOMCAST_${t}_TLS_CERT=$cert" "ROOMCAST_${t}_TLS_KEY=$key"
      "ROOMCAST_${t}_TLS_GRPC=true" "ROOMCAST_${t}_TLS_ETCD=true" "ROOMCAST_${t}_TLS_NSQ=true"
      "ROOMCAST_${t}_DISCOVERY_ETCD_USER=roomcast" "ROOMCAST_${t}_DISCOVERY_ETCD_PASSWORD=$(cat "$pki/etcd-password")")
    unset -n node_tls
  done
else
  nsqd_tls=(-http-address "127.0.0.1:$nsqd_http")
fi
start nsqlookupd "$data/logs/nsqlookupd.log" nsqlookupd -tcp-address "127.0.0.1:$lookupd_port" \
  -http-address "127.0.0.1:$lookupd_http" -broadcast-address 127.0.0.1
infra+=($!)
start nsqd "$data/logs/nsqd.log" nsqd -tcp-address "127.0.0.1:$nsqd_port" "${nsqd_tls[@]}" \
  -broadcast-address 127.0.0.1 -lookupd-tcp-address "127.0.0.1:$lookupd_port" -data-path "$data/nsqd" \
  -mem-queue-size=0 -sync-every=1   # on disk and synced before it answers: kill -9 loses nothing answered 200
infra+=($!)
start etcd "$data/logs/etcd.log" etcd "${etcd_tls[@]}" --name roomcast --data-dir "$etcd_data" \
  --listen-client-urls "$scheme://127.0.0.1:$etcd_port" --advertise-client-urls "$scheme://127.0.0.1:$etcd_port" \
  --listen-peer-urls "http://127.0.0.1:$etcd_peer" --initial-advertise-peer-urls "http://127.0.0.1:$etcd_peer" \
  --initial-cluster "roomcast=http://127.0.0.1:$etcd_peer"
infra+=($!)
wait_port "$lookupd_http"; wait_port "$nsqd_http"; wait_port "$etcd_port"
if ((tls)); then
  # etcd's users and roles, then auth on: once per start, as an operator does once with etcdctl.
  node --no-deprecation deploy/etcd-auth.mjs "127.0.0.1:$etcd_port" "$pki" <"$pki/etcd-password" || {
    echo "roomcast: could not turn on etcd's user/password auth; etcd's log: $data/logs/etcd.log" >&2
    exit 1
  }
fi

# Every node: node itself (exec'd by env, no wrapper), its stdout in logs/<node>.log, its JSON log in logs/live-<node>.log.
for i in $(seq 0 $((N - 1))); do
  o=$((base + 100 * i))
  start "logic-$i" "$data/logs/logic-$i.log" env "${LOGIC_tls[@]}" ROOMCAST_LOGIC_NODE_ID="logic-$i" ROOMCAST_LOG_FILE="$data/logs/live-logic-$i.log" \
    ROOMCAST_LOGIC_HTTP_PORT=$((o + 11)) ROOMCAST_LOGIC_OPS_PORT=$((o + 18)) ROOMCAST_LOGIC_GRPC_PORT=$((o + 19)) \
    ROOMCAST_LOGIC_DISCOVERY_ETCD="127.0.0.1:$etcd_port" \
    ROOMCAST_LOGIC_QUEUE_NSQD_TCP="127.0.0.1:$nsqd_port" ROOMCAST_LOGIC_QUEUE_NSQD_HTTP="127.0.0.1:$nsqd_http" \
    ROOMCAST_LOGIC_QUEUE_LOOKUPD_HTTP="127.0.0.1:$lookupd_http" node --import tsx cmd/logic/main.ts
  pids+=($!)
done
for i in $(seq 0 $((N - 1))); do
  o=$((base + 100 * i))
  start "job-$i" "$data/logs/job-$i.log" env "${JOB_tls[@]}" ROOMCAST_JOB_NODE_ID="job-$i" ROOMCAST_LOG_FILE="$data/logs/live-job-$i.log" \
    ROOMCAST_JOB_OPS_PORT=$((o + 21)) ROOMCAST_JOB_DISCOVERY_ETCD="127.0.0.1:$etcd_port" ROOMCAST_JOB_QUEUE_LOOKUPD_POLL_SEC=1 \
    ROOMCAST_JOB_QUEUE_LOOKUPD_HTTP="127.0.0.1:$lookupd_http" node --import tsx cmd/job/main.ts
  pids+=($!)
done
for i in $(seq 0 $((N - 1))); do
  o=$((base + 100 * i))
  start "conn-$i" "$data/logs/conn-$i.log" env "${CONN_tls[@]}" ROOMCAST_CONN_NODE_ID="conn-$i" ROOMCAST_LOG_FILE="$data/logs/live-conn-$i.log" \
    ROOMCAST_CONN_WS_PORT=$((o + 2)) ROOMCAST_CONN_OPS_PORT=$((o + 8)) ROOMCAST_CONN_GRPC_PORT=$((o + 9)) \
    ROOMCAST_CONN_DISCOVERY_ETCD="127.0.0.1:$etcd_port" \
    node --import tsx cmd/conn/main.ts
  pids+=($!)
done
for i in $(seq 0 $((N - 1))); do o=$((base + 100 * i)); wait_port $((o + 2)); wait_port $((o + 11)); done

echo
echo "roomcast cluster is up ($N conn, $N logic, $N job; nsqd 127.0.0.1:$nsqd_port, nsqlookupd 127.0.0.1:$lookupd_port, etcd 127.0.0.1:$etcd_port)"
for i in $(seq 0 $((N - 1))); do
  o=$((base + 100 * i))
  echo "  conn-$i   ws://127.0.0.1:$((o + 2))/room     logic-$i  http://127.0.0.1:$((o + 11))  (chat page at /, POST /msg, POST /tk, GET /nodes)"
done
echo "  /metrics and /healthz on the ops ports: conn 127.0.0.1:$((base + 8))+100·i, logic $((base + 18))+100·i, job $((base + 21))+100·i"
echo "  logs: $data/logs"
if ((tls)); then
  echo "TLS is on for every internal link (gRPC, etcd, NSQ); the throwaway CA: $pki/ca.pem, node certificate and key:"
  echo "  $cert, $key; etcd user roomcast, password in $pki/etcd-password"
fi
echo "connect to ws://127.0.0.1:$((base + 2))/room (any conn node), chat page at http://127.0.0.1:$((base + 11))/ (any logic node)"
echo "Ctrl-C stops everything."
status=0
{ wait -n -p exited "${pids[@]}" "${infra[@]}"; } 2>/dev/null || status=$?
died "$exited" "$status"
