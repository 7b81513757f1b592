#!/usr/bin/env bash
# Makes a throwaway cluster CA and one certificate for the nodes, etcd and nsqd of a local cluster, with openssl:
#   DIR/ca.pem, DIR/ca-key.pem   the CA (its key stays in DIR; never use these for anything but a local cluster)
#   DIR/node.pem, DIR/node-key.pem  signed by the CA, for server and client auth, naming localhost and 127.0.0.1
#                                (and every further NAME given: a DNS name, or an IPv4 address)
# Usage: deploy/make-certs.sh DIR [NAME...]   (the tests' TLS cluster calls it)
set -euo pipefail
dir=${1:?usage: make-certs.sh DIR [NAME...]}
shift
mkdir -p "$dir"
cd "$dir"
san="DNS:localhost,IP:127.0.0.1"
for n; do
  if [[ $n =~ ^[0-9.]+$ ]]; then san="$san,IP:$n"; else san="$san,DNS:$n"; fi
done
ec=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)
openssl req -x509 "${ec[@]}" -keyout ca-key.pem -out ca.pem -days 30 -subj "/CN=roomcast throwaway CA $(date +%s)" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
openssl req "${ec[@]}" -keyout node-key.pem -out node.csr -subj "/CN=roomcast-node" 2>/dev/null
printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth,clientAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n' "$san" >node.ext
openssl x509 -req -in node.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -out node.pem -days 30 -extfile node.ext 2>/dev/null
rm -f node.csr node.ext ca.srl
chmod 600 ca-key.pem node-key.pem
