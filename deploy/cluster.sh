#!/usr/bin/env bash
# Starts a local roomcast cluster: nsqlookupd, three nsqd, etcd, then 2 logic, 2 job and 2 conn nodes on the port
# plan in the README ("Ports"). Data and logs live under .data/cluster.
#
# Once the cluster is up the script supervises it: a node, nsqd, nsqlookupd or etcd that exits on its own is reported
# (its name, how it exited, its log and the log's last lines) and started again with the same settings (nsqd and etcd
# on their data) after a back-off: 1 s, doubling on each exit up to 30 s, back to 1 s once it had stayed up 60 s. The
# others keep running; a restarted process appends to its log. A failure while the cluster starts (nothing listens,
# a port taken, a process that exits before the cluster is up) still stops everything and exits 1: that is a
# setting or a port to fix, which a restart would only repeat.
#
# Ctrl-C, SIGINT, SIGTERM or SIGHUP stop every process the script started, nodes first, then nsqlookupd, nsqd and
# etcd, and the script exits 0. Each child runs in a process group of its own, which is signalled as a whole:
# SIGTERM, then SIGKILL after 15 s. Only a SIGKILL of the script itself leaves them running.
#
# Knobs (environment, read here and not passed on to the nodes; the defaults are the README's port plan):
#   ROOMCAST_NODES=2                      nodes per tier
#   ROOMCAST_CLUSTER_DATA=.data/cluster   nsqd and etcd data, every log
#   ROOMCAST_CLUSTER_PORT_BASE=3100       node i listens on BASE+100*i + 2 (conn ws), 8 (conn ops), 9 (conn gRPC),
#                                         11 (logic http), 18 (logic ops), 19 (logic gRPC), 21 (job ops)
#   ROOMCAST_CLUSTER_NSQD_PORT=4150       nsqd TCP (IMPORTANT, on disk); its HTTP port is the next one; the two
#                                         after are nsqd-normal's TCP and HTTP (NORMAL, in memory), the two after
#                                         those nsqd-second's (each IMPORTANT message's second copy, on disk)
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
mkdir -p "$data/nsqd" "$data/nsqd-normal" "$data/nsqd-second" "$etcd_data" "$data/logs"
nodes=()                   # the nodes' names, in the order they start
infra=(nsqlookupd nsqd nsqd-normal nsqd-second etcd)
declare -A pid_of=()       # name → pid of its running process ("" while it waits for a restart)
declare -A name_of=()      # pid → name
declare -A since=()        # name → $SECONDS when it was started
declare -A backoff=()      # name → seconds before its next restart
declare -A due=()          # name → $SECONDS at which it starts again
ticker=""                  # a sleep that wakes the supervisor when a restart is due
cmd=()

# start NAME: NAME's command (command_of; exec'd, so $! is its pid) in the background, in a process group of its
# own, its output appended to logs/NAME.log.
start() {
  local name=$1
  command_of "$name"
  set -m
  "${cmd[@]}" </dev/null >>"$data/logs/$name.log" 2>&1 &
  set +m
  pid_of[$name]=$!
  name_of[$!]=$name
  since[$name]=$SECONDS
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

# pids_of NAME...: the pids of those running now.
pids_of() {
  local name
  for name; do if [[ -n ${pid_of[$name]:-} ]]; then echo "${pid_of[$name]}"; fi; done
}

say() { echo "$@" 2>/dev/null || true; } # a closed terminal or pipe must not cut the stop short

stop() {
  trap '' INT TERM HUP PIPE
  trap - EXIT
  if [[ -n $ticker ]]; then kill "$ticker" 2>/dev/null || true; wait "$ticker" 2>/dev/null || true; ticker=""; fi
  say
  say "stopping roomcast nodes..."
  # shellcheck disable=SC2046 # one pid per word
  stop_groups $(pids_of "${nodes[@]}")
  say "stopping nsqd, nsqlookupd, etcd..."
  # shellcheck disable=SC2046
  stop_groups $(pids_of "${infra[@]}")
  # A process started just as the signal came, before its pid was noted.
  # shellcheck disable=SC2046
  stop_groups $(jobs -p)
  say "stopped."
}
trap 'stop; exit 0' INT TERM HUP
trap 'stop; exit 1' EXIT

# how STATUS: "with status 1", "on signal KILL".
how() {
  if (($1 > 128)); then
    echo "on signal $(kill -l $(($1 - 128)) 2>/dev/null || echo $(($1 - 128)))"
  else
    echo "with status $1"
  fi
}

# tail_log NAME: the last lines of NAME's log, stack frames left out.
tail_log() {
  grep -v '^[[:space:]]*at ' "$data/logs/$1.log" 2>/dev/null | tail -n 5 | sed 's/^/  | /' >&2 || true
}

# died PID STATUS: a child exited while the cluster was starting; name it and its log, then the EXIT trap stops the rest.
died() {
  local name=${name_of[$1]}
  pid_of[$name]=""
  echo "roomcast: $name exited $(how "$2") before the cluster was up; its log: $data/logs/$name.log" >&2
  tail_log "$name"
  exit 1
}

# wait_port PORT: until something listens there, or until a started child exits (then it is named).
wait_port() {
  local pid status
  for _ in $(seq 1 300); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    for pid in $(pids_of "${infra[@]}" "${nodes[@]}"); do
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
normal_port=$((nsqd_port + 2)) normal_http=$((nsqd_port + 3)) # nsqd-normal: NORMAL messages, in memory
second_port=$((nsqd_port + 4)) second_http=$((nsqd_port + 5)) # nsqd-second: IMPORTANT messages' second copy, on disk
scheme=http nsqd_tls=() etcd_tls=() CONN_tls=() LOGIC_tls=() JOB_tls=() # the *_tls: each tier's TLS settings
if ((tls)); then
  # A fresh CA each start: nothing signed by an earlier one is trusted.
  pki="$data/pki"
  rm -rf "$pki"
  bash deploy/make-certs.sh "$pki"
  ca="$pki/ca.pem" cert="$pki/node.pem" key="$pki/node-key.pem"
  (umask 077 && openssl rand -hex 16 >"$pki/etcd-password")
  scheme=https
  nsqd_tls=(-tls-cert "$cert" -tls-key "$key" -tls-root-ca-file "$ca" -tls-client-auth-policy=require-verify -tls-required=true)
  etcd_tls=(--cert-file "$cert" --key-file "$key" --trusted-ca-file "$ca" --client-cert-auth)
  for t in CONN LOGIC JOB; do
    declare -n node_tls="${t}_tls"
    node_tls=("ROOMCAST_${t}_TLS_CA=$ca" "ROOMCAST_${t}_TLS_CERT=$cert" "ROOMCAST_${t}_TLS_KEY=$key"
      "ROOMCAST_${t}_TLS_GRPC=true" "ROOMCAST_${t}_TLS_ETCD=true" "ROOMCAST_${t}_TLS_NSQ=true"
      "ROOMCAST_${t}_DISCOVERY_ETCD_USER=roomcast" "ROOMCAST_${t}_DISCOVERY_ETCD_PASSWORD=$(cat "$pki/etcd-password")")
    unset -n node_tls
  done
fi
# nsqd_command TCP HTTP DATA [FLAG...]: sets cmd to an nsqd on those ports and data folder, registered with nsqlookupd.
# With TLS its HTTP API is HTTPS on the HTTP port; its plain HTTP listener (a port the kernel picks) refuses everything.
nsqd_command() {
  local web=(-http-address "127.0.0.1:$2")
  ((tls)) && web=(-http-address 127.0.0.1:0 -https-address "127.0.0.1:$2" "${nsqd_tls[@]}")
  cmd=(nsqd -tcp-address "127.0.0.1:$1" "${web[@]}" -broadcast-address 127.0.0.1 -lookupd-tcp-address "127.0.0.1:$lookupd_port"
    -data-path "$3" "${@:4}")
}
# command_of NAME: sets cmd to NAME's command line. Every node is node itself (exec'd by env, no wrapper), its stdout
# in logs/<node>.log, its JSON log in logs/live-<node>.log.
command_of() {
  local i o
  case $1 in
    nsqlookupd)
      cmd=(nsqlookupd -tcp-address "127.0.0.1:$lookupd_port" -http-address "127.0.0.1:$lookupd_http" -broadcast-address 127.0.0.1) ;;
    nsqd)
      # IMPORTANT messages: each written to the disk queue before nsqd answers, synced within 100 ms.
      nsqd_command "$nsqd_port" "$nsqd_http" "$data/nsqd" -mem-queue-size=0 -sync-timeout=100ms ;;
    nsqd-normal)
      # NORMAL messages (at most once) need no disk: nsqd's in-memory defaults, so they are not held to its sync rate.
      nsqd_command "$normal_port" "$normal_http" "$data/nsqd-normal" ;;
    nsqd-second)
      # Every IMPORTANT message is published here too: kill -9 of one nsqd can lose what it held in memory (messages
      # in flight to job, or waiting out a requeue delay), and the other copy is then still on disk here.
      nsqd_command "$second_port" "$second_http" "$data/nsqd-second" -mem-queue-size=0 -sync-timeout=100ms ;;
    etcd)
      cmd=(etcd "${etcd_tls[@]}" --name roomcast --data-dir "$etcd_data"
        --listen-client-urls "$scheme://127.0.0.1:$etcd_port" --advertise-client-urls "$scheme://127.0.0.1:$etcd_port"
        --listen-peer-urls "http://127.0.0.1:$etcd_peer" --initial-advertise-peer-urls "http://127.0.0.1:$etcd_peer"
        --initial-cluster "roomcast=http://127.0.0.1:$etcd_peer") ;;
    logic-*)
      i=${1#logic-} o=$((base + 100 * ${1#logic-}))
      cmd=(env "${LOGIC_tls[@]}" ROOMCAST_LOGIC_NODE_ID="logic-$i" ROOMCAST_LOG_FILE="$data/logs/live-logic-$i.log"
        ROOMCAST_LOGIC_HTTP_PORT=$((o + 11)) ROOMCAST_LOGIC_OPS_PORT=$((o + 18)) ROOMCAST_LOGIC_GRPC_PORT=$((o + 19))
        ROOMCAST_LOGIC_DISCOVERY_ETCD="127.0.0.1:$etcd_port"
        ROOMCAST_LOGIC_QUEUE_NSQD_TCP="127.0.0.1:$nsqd_port" ROOMCAST_LOGIC_QUEUE_NSQD_HTTP="127.0.0.1:$nsqd_http"
        ROOMCAST_LOGIC_QUEUE_NORMAL_NSQD_TCP="127.0.0.1:$normal_port" ROOMCAST_LOGIC_QUEUE_NORMAL_NSQD_HTTP="127.0.0.1:$normal_http"
        ROOMCAST_LOGIC_QUEUE_SECOND_NSQD_TCP="127.0.0.1:$second_port" ROOMCAST_LOGIC_QUEUE_SECOND_NSQD_HTTP="127.0.0.1:$second_http"
        ROOMCAST_LOGIC_QUEUE_LOOKUPD_HTTP="127.0.0.1:$lookupd_http" node --import tsx cmd/logic/main.ts) ;;
    job-*)
      i=${1#job-} o=$((base + 100 * ${1#job-}))
      cmd=(env "${JOB_tls[@]}" ROOMCAST_JOB_NODE_ID="job-$i" ROOMCAST_LOG_FILE="$data/logs/live-job-$i.log"
        ROOMCAST_JOB_OPS_PORT=$((o + 21)) ROOMCAST_JOB_DISCOVERY_ETCD="127.0.0.1:$etcd_port" ROOMCAST_JOB_QUEUE_LOOKUPD_POLL_SEC=1
        ROOMCAST_JOB_QUEUE_LOOKUPD_HTTP="127.0.0.1:$lookupd_http" node --import tsx cmd/job/main.ts) ;;
    conn-*)
      i=${1#conn-} o=$((base + 100 * ${1#conn-}))
      cmd=(env "${CONN_tls[@]}" ROOMCAST_CONN_NODE_ID="conn-$i" ROOMCAST_LOG_FILE="$data/logs/live-conn-$i.log"
        ROOMCAST_CONN_WS_PORT=$((o + 2)) ROOMCAST_CONN_OPS_PORT=$((o + 8)) ROOMCAST_CONN_GRPC_PORT=$((o + 9))
        ROOMCAST_CONN_DISCOVERY_ETCD="127.0.0.1:$etcd_port" node --import tsx cmd/conn/main.ts) ;;
    *) echo "roomcast: no such process: $1" >&2; return 1 ;;
  esac
}

for name in "${infra[@]}"; do : >"$data/logs/$name.log"; start "$name"; done
wait_port "$lookupd_http"; wait_port "$nsqd_http"; wait_port "$normal_http"; wait_port "$second_http"; wait_port "$etcd_port"
if ((tls)); then
  # etcd's users and roles, then auth on: once per start, as an operator does once with etcdctl.
  node --no-deprecation deploy/etcd-auth.mjs "127.0.0.1:$etcd_port" "$pki" <"$pki/etcd-password" || {
    echo "roomcast: could not turn on etcd's user/password auth; etcd's log: $data/logs/etcd.log" >&2
    exit 1
  }
fi

for tier in logic job conn; do
  for i in $(seq 0 $((N - 1))); do nodes+=("$tier-$i"); done
done
for name in "${nodes[@]}"; do : >"$data/logs/$name.log"; start "$name"; done
for i in $(seq 0 $((N - 1))); do o=$((base + 100 * i)); wait_port $((o + 2)); wait_port $((o + 11)); done

echo
echo "roomcast cluster is up ($N conn, $N logic, $N job; nsqd 127.0.0.1:$nsqd_port and 127.0.0.1:$second_port (IMPORTANT, two copies on disk) and 127.0.0.1:$normal_port (NORMAL, in memory), nsqlookupd 127.0.0.1:$lookupd_port, etcd 127.0.0.1:$etcd_port)"
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
echo "Ctrl-C stops everything; a process that exits meanwhile is reported and started again."

# exited NAME STATUS: NAME exited on its own after the cluster was up; report it and set when it starts again.
exited() {
  local name=$1 up=$((SECONDS - since[$1]))
  pid_of[$name]=""
  if ((up >= 60)) || [[ -z ${backoff[$name]:-} ]]; then
    backoff[$name]=1
  else
    backoff[$name]=$((backoff[$name] * 2 > 30 ? 30 : backoff[$name] * 2))
  fi
  due[$name]=$((SECONDS + backoff[$name]))
  echo "roomcast: $name exited $(how "$2") after $up s; starting it again in ${backoff[$name]} s; its log: $data/logs/$name.log" >&2
  tail_log "$name"
}

# restart_due: starts again whatever is due.
restart_due() {
  local name
  for name in "${!due[@]}"; do
    if ((due[$name] <= SECONDS)); then
      unset "due[$name]"
      echo "--- $(date -u +%FT%TZ) deploy/cluster.sh starts $name again ---" >>"$data/logs/$name.log"
      start "$name"
      say "roomcast: $name started again (pid ${pid_of[$name]})"
    fi
  done
}

# supervise: waits for any child to exit, and for the next restart to be due, until a signal stops everything.
supervise() {
  local name pid status next
  while :; do
    restart_due
    if [[ -z $ticker ]] && ((${#due[@]} > 0)); then
      next=$((1 << 30))
      for name in "${!due[@]}"; do if ((due[$name] < next)); then next=${due[$name]}; fi; done
      sleep $((next > SECONDS ? next - SECONDS : 0)) &
      ticker=$!
    fi
    pid="" status=0
    # shellcheck disable=SC2046
    wait -n -p pid $(pids_of "${infra[@]}" "${nodes[@]}") $ticker 2>/dev/null || status=$?
    if [[ -z $pid ]]; then continue; fi # a signal cut the wait short; its trap stops everything
    if [[ $pid == "$ticker" ]]; then ticker="" && continue; fi
    name=${name_of[$pid]}
    unset "name_of[$pid]"
    exited "$name" "$status"
  done
}
supervise
