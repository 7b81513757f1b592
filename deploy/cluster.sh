#!/usr/bin/env bash
# Starts a local roomcast cluster: nsqlookupd, nsqd, etcd, then 2 logic, 2 job and 2 conn nodes on the port
# plan in the README ("Ports"). Data and logs live under .data/cluster. Ctrl-C stops everything, nodes first.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash deploy/install-deps.sh
export PATH="$root/.data/bin:$PATH"
data="$root/.data/cluster"
mkdir -p "$data/nsqd" "$data/etcd" "$data/logs"
N=${ROOMCAST_NODES:-2}
pids=()
infra=()

stop() {
  trap - INT TERM EXIT
  echo
  echo "stopping roomcast nodes..."
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  echo "stopping nsqd, nsqlookupd, etcd..."
  for pid in "${infra[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${infra[@]}"; do wait "$pid" 2>/dev/null || true; done
  echo "stopped."
}
trap 'stop; exit 0' INT TERM
trap stop EXIT

wait_port() {
  for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "nothing listens on 127.0.0.1:$1" >&2
  return 1
}

nsqlookupd -tcp-address 127.0.0.1:4160 -http-address 127.0.0.1:4161 -broadcast-address 127.0.0.1 >"$data/logs/nsqlookupd.log" 2>&1 &
infra+=($!)
nsqd -tcp-address 127.0.0.1:4150 -http-address 127.0.0.1:4151 -broadcast-address 127.0.0.1 \
  -lookupd-tcp-address 127.0.0.1:4160 -data-path "$data/nsqd" >"$data/logs/nsqd.log" 2>&1 &
infra+=($!)
etcd --name roomcast --data-dir "$data/etcd" \
  --listen-client-urls http://127.0.0.1:2379 --advertise-client-urls http://127.0.0.1:2379 \
  --listen-peer-urls http://127.0.0.1:2380 --initial-advertise-peer-urls http://127.0.0.1:2380 \
  --initial-cluster roomcast=http://127.0.0.1:2380 >"$data/logs/etcd.log" 2>&1 &
infra+=($!)
wait_port 4161; wait_port 4151; wait_port 2379

node_cmd() { node --import tsx "cmd/$1/main.ts"; }
for i in $(seq 0 $((N - 1))); do
  o=$((100 * i))
  ROOMCAST_NODE_ID="logic-$i" ROOMCAST_HTTP_PORT=$((3111 + o)) ROOMCAST_GRPC_PORT=$((3119 + o)) \
    ROOMCAST_LOG_FILE="log/live-logic-$i.log" node_cmd logic >"$data/logs/logic-$i.log" 2>&1 &
  pids+=($!)
done
for i in $(seq 0 $((N - 1))); do
  o=$((100 * i))
  ROOMCAST_NODE_ID="job-$i" ROOMCAST_HTTP_PORT=$((3121 + o)) ROOMCAST_QUEUE_LOOKUPD_POLL_SEC=1 \
    ROOMCAST_LOG_FILE="log/live-job-$i.log" node_cmd job >"$data/logs/job-$i.log" 2>&1 &
  pids+=($!)
done
for i in $(seq 0 $((N - 1))); do
  o=$((100 * i))
  ROOMCAST_NODE_ID="conn-$i" ROOMCAST_WS_PORT=$((3102 + o)) ROOMCAST_GRPC_PORT=$((3109 + o)) \
    ROOMCAST_LOG_FILE="log/live-conn-$i.log" node_cmd conn >"$data/logs/conn-$i.log" 2>&1 &
  pids+=($!)
done
for i in $(seq 0 $((N - 1))); do o=$((100 * i)); wait_port $((3102 + o)); wait_port $((3111 + o)); done

echo
echo "roomcast cluster is up ($N conn, $N logic, $N job; NSQ and etcd on their default ports)"
for i in $(seq 0 $((N - 1))); do
  o=$((100 * i))
  echo "  conn-$i   ws://127.0.0.1:$((3102 + o))/room     logic-$i  http://127.0.0.1:$((3111 + o))  (chat page at /, POST /msg, POST /tk, GET /nodes)"
done
echo "  logs: $data/logs and cmd/<service>/log/live-<node>.log"
echo "Ctrl-C stops everything."
wait -n "${pids[@]}" || true
echo "a node exited; see $data/logs" >&2
