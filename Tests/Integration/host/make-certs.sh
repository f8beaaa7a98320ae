#!/usr/bin/env bash
# make-certs.sh DIR: the test pool's TLS files for the migration suites (and the unit tests):
# a CA (ca.crt), a host certificate it signs for the suites' addresses (host.crt, host.key), and
# a stranger: a certificate signed by another CA (stranger.crt, stranger.key). Short-lived keys
# made afresh each time; nothing secret is kept.
set -euo pipefail
DIR=$1
mkdir -p "$DIR"
cd "$DIR"
quiet() { "$@" > /dev/null 2>&1 || { echo "make-certs: failed: $*" >&2; exit 1; }; }
ca() { # ca NAME: a self-signed CA
  quiet openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 \
    -subj "/CN=xmtest $1 CA" -keyout "$1-ca.key" -out "$1-ca.crt"
}
signed() { # signed NAME CA: a host certificate for the suites' addresses, signed by CA
  quiet openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=xmtest $1" \
    -keyout "$1.key" -out "$1.csr"
  printf 'subjectAltName=IP:127.0.0.1,IP:192.168.77.1,IP:192.168.77.2,DNS:localhost\n' > "$1.ext"
  quiet openssl x509 -req -in "$1.csr" -CA "$2-ca.crt" -CAkey "$2-ca.key" -CAcreateserial -days 30 \
    -extfile "$1.ext" -out "$1.crt"
  rm -f "$1.csr" "$1.ext"
}
ca pool; ca other
signed host pool; signed stranger other
mv pool-ca.crt ca.crt
rm -f pool-ca.key other-ca.key other-ca.crt ./*.srl
chmod 600 ./*.key
