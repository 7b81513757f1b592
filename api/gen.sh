#!/usr/bin/env bash
# Regenerates everything under api/gen from the .proto files. Never edit api/gen by hand.
set -euo pipefail
cd "$(dirname "$0")"
root=$(cd .. && pwd)
rm -rf gen && mkdir -p gen/grpc
# protobufjs static code: the client protocol and the NSQ payloads (hot path, no reflection).
"$root/node_modules/.bin/pbjs" -t static-module -w commonjs --no-verify --no-delimited --no-convert \
  -o gen/messages.js protocol/protocol.proto queue/queue.proto
"$root/node_modules/.bin/pbts" -o gen/messages.d.ts gen/messages.js
# gRPC service types for @grpc/proto-loader (the services themselves load the .proto at run time).
./node_modules/.bin/proto-loader-gen-types --longs=String --enums=Number --defaults --oneofs --grpcLib=@grpc/grpc-js \
  --outDir=gen/grpc logic/logic.proto conn/conn.proto push/push.proto
echo "generated: $(find gen -type f | wc -l) files in api/gen"
