#!/usr/bin/env bash
# Creates the two 3-level chains the chain benchmark validates (scripts/bench-chain-vs-openssl):
#
#   OUT/p256/{root,intermediate,leaf}.der   ECDSA P-256, ecdsa-with-SHA256
#   OUT/sm2/{root,intermediate,leaf}.der    SM2, SM3withSM2, signer ID 1234567812345678
#
# Root CA (self-signed) -> intermediate CA -> leaf (serverAuth, DNS:bench.example). Every certificate is valid
# from 2020-01-01 to 2040-01-01 (`openssl ca -startdate/-enddate`; `openssl x509` in 3.0 only has -days).
# Keys are random on every run; the structure is always the same. Private keys and the CA bookkeeping stay in
# OUT/<chain>/work. Only the `openssl` CLI (3.0 or later) is used.
#
# Usage: scripts/make-bench-chains.sh OUT
set -euo pipefail

if [[ $# -ne 1 ]]; then
    echo "usage: $0 OUT" >&2
    exit 64
fi
OUT=$1
SM2_ID=1234567812345678
START=200101000000Z
END=400101000000Z

write_config() { # $1 = work folder
    cat >"$1/ca.cnf" <<EOF
[ ca ]
default_ca = bench

[ bench ]
dir = $1
database = \$dir/index.txt
new_certs_dir = \$dir/new
serial = \$dir/serial
policy = any
unique_subject = no
copy_extensions = none
default_md = sha256

[ any ]
commonName = supplied
organizationName = optional

[ root_ext ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash

[ intermediate_ext ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always

[ leaf_ext ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:bench.example
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
EOF
    : >"$1/index.txt"
    echo 1000 >"$1/serial"
    mkdir -p "$1/new"
}

# make_chain NAME KEYGEN_ARGS... ; the signing options come from the SIGN/VERIFY arrays set by the caller.
make_chain() {
    local name=$1
    shift
    local dir="$OUT/$name" work="$OUT/$name/work"
    mkdir -p "$work"
    write_config "$work"
    for level in root intermediate leaf; do
        openssl genpkey "$@" -out "$work/$level.key" 2>/dev/null
    done

    # CSRs (self-signed with the subject's own key; for SM2 with the ID, so `ca -vfyopt` can check them).
    openssl req -new -key "$work/root.key" -subj "/O=Sealbridge Bench/CN=Bench $name Root CA" \
        "${SIGN[@]}" -out "$work/root.csr"
    openssl req -new -key "$work/intermediate.key" -subj "/O=Sealbridge Bench/CN=Bench $name Intermediate CA" \
        "${SIGN[@]}" -out "$work/intermediate.csr"
    openssl req -new -key "$work/leaf.key" -subj "/O=Sealbridge Bench/CN=bench.example" \
        "${SIGN[@]}" -out "$work/leaf.csr"

    local ca=(openssl ca -batch -notext -config "$work/ca.cnf" -startdate "$START" -enddate "$END"
              "${CA_SIGN[@]}" "${VERIFY[@]}")
    "${ca[@]}" -selfsign -keyfile "$work/root.key" -extensions root_ext \
        -in "$work/root.csr" -out "$work/root.pem" 2>/dev/null
    "${ca[@]}" -cert "$work/root.pem" -keyfile "$work/root.key" -extensions intermediate_ext \
        -in "$work/intermediate.csr" -out "$work/intermediate.pem" 2>/dev/null
    "${ca[@]}" -cert "$work/intermediate.pem" -keyfile "$work/intermediate.key" -extensions leaf_ext \
        -in "$work/leaf.csr" -out "$work/leaf.pem" 2>/dev/null

    for level in root intermediate leaf; do
        openssl x509 -in "$work/$level.pem" -outform DER -out "$dir/$level.der"
    done

    # At 2030-01-01T00:00:00Z, inside the validity of all three (the benchmark uses the same instant).
    local check=(openssl verify -attime 1893456000 -x509_strict)
    if [[ ${#VERIFY[@]} -eq 0 ]]; then
        "${check[@]}" -purpose sslserver -CAfile "$work/root.pem" -untrusted "$work/intermediate.pem" \
            "$work/leaf.pem" >/dev/null
    else
        # OpenSSL 3.0 `verify -vfyopt distid:...` sets the ID on the target certificate only, not on -untrusted
        # ones, and an SM2 certificate without an ID fails its signature check. So check one link at a time:
        # intermediate under the root, then leaf under the intermediate as a partial-chain anchor. The whole
        # chain is checked in one go by scripts/openssl-chain-bench.c, which sets the ID on each certificate.
        "${check[@]}" "${VERIFY[@]}" -purpose any -CAfile "$work/root.pem" "$work/intermediate.pem" >/dev/null
        "${check[@]}" "${VERIFY[@]}" -purpose sslserver -partial_chain -CAfile "$work/intermediate.pem" \
            "$work/leaf.pem" >/dev/null
    fi
    echo "$name: $dir/{root,intermediate,leaf}.der (openssl verify: OK)"
}

mkdir -p "$OUT"

SIGN=(-sha256)
CA_SIGN=(-md sha256)
VERIFY=()
make_chain p256 -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -pkeyopt ec_param_enc:named_curve

SIGN=(-sm3 -sigopt "distid:$SM2_ID")
CA_SIGN=(-md sm3 -sigopt "distid:$SM2_ID")
VERIFY=(-vfyopt "distid:$SM2_ID")
make_chain sm2 -algorithm SM2
