#!/usr/bin/env bash
# Property-based API tests of a running Sealbridge server against its own OpenAPI document.
#
# Usage: scripts/schemathesis.sh BASE_URL [extra schemathesis run options...]
#   e.g. scripts/schemathesis.sh http://127.0.0.1:8080
#
# Fetches BASE_URL/openapi.yaml and runs schemathesis (pinned below) with the checks
#   not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance
# in positive and negative modes, at most $SCHEMATHESIS_MAX_EXAMPLES test cases per operation, the whole run
# bounded by $SCHEMATHESIS_TIMEOUT seconds. With SEALBRIDGE_ADMIN_KEY set, every request carries
# `Authorization: Bearer $SEALBRIDGE_ADMIN_KEY` (so the admin operations are exercised past their 401).
# Prints a per-operation count summary and a closing `N passed, N failed` line; exits non-zero on any failure,
# on an error or when the time bound is hit.
#
# Environment (all optional):
#   SEALBRIDGE_ADMIN_KEY        an `sb_…` key sent as a Bearer token on every request
#   SCHEMATHESIS_MAX_EXAMPLES   test cases per operation and phase (default 30)
#   SCHEMATHESIS_TIMEOUT        seconds for the whole run (default 900)
#   SCHEMATHESIS_WORKERS        concurrent workers (default 2)
#   SCHEMATHESIS_SEED           a seed, to reproduce a run
#   SCHEMATHESIS_VENV           where the virtualenv goes (default ${TMPDIR:-/tmp}/sealbridge-schemathesis-VERSION)
#
# Needs (CI installs): python3 with the venv module and pip (Debian: python3-venv), coreutils `timeout`,
# network access to PyPI for the first run (the venv is reused afterwards).
set -euo pipefail

SCHEMATHESIS_VERSION=4.32.5
ASN1CRYPTO_VERSION=1.5.1   # for the response deserializers in scripts/schemathesis_hooks.py
SCRIPTS=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

usage() { sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[[ $# -ge 1 && $1 != -h && $1 != --help ]] || usage
BASE_URL=${1%/}
shift

MAX_EXAMPLES=${SCHEMATHESIS_MAX_EXAMPLES:-30}
TIMEOUT=${SCHEMATHESIS_TIMEOUT:-900}
WORKERS=${SCHEMATHESIS_WORKERS:-2}
VENV=${SCHEMATHESIS_VENV:-${TMPDIR:-/tmp}/sealbridge-schemathesis-$SCHEMATHESIS_VERSION}
PYTHON=${PYTHON:-python3}

# --- the pinned schemathesis, in a venv outside the repository ------------------------------------------------
if ! "$VENV/bin/schemathesis" --version 2>/dev/null | grep -qF "version $SCHEMATHESIS_VERSION" \
    || ! "$VENV/bin/python" -c 'import asn1crypto' 2>/dev/null; then
    echo "schemathesis.sh: installing schemathesis==$SCHEMATHESIS_VERSION into $VENV" >&2
    rm -rf "$VENV"
    "$PYTHON" -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check \
        "schemathesis==$SCHEMATHESIS_VERSION" "asn1crypto==$ASN1CRYPTO_VERSION"
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/sealbridge-schemathesis.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# --- is the server there? ---------------------------------------------------------------------------------------
if ! "$VENV/bin/python" - "$BASE_URL/openapi.yaml" <<'EOF'
import sys, urllib.request
try:
    with urllib.request.urlopen(sys.argv[1], timeout=10) as r:
        r.read()
except Exception as exc:
    sys.exit(f"schemathesis.sh: cannot fetch {sys.argv[1]}: {exc}")
EOF
then
    exit 1
fi

# --- the run ----------------------------------------------------------------------------------------------------
args=(
    run "$BASE_URL/openapi.yaml"
    --url "$BASE_URL"
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance
    --mode all
    --max-examples "$MAX_EXAMPLES"
    --workers "$WORKERS"
    --request-timeout 60
    --generation-database none
    --suppress-health-check too_slow,filter_too_much
    --no-color
    --report junit,ndjson
    --report-junit-path "$WORK/junit.xml"
    --report-ndjson-path "$WORK/events.ndjson"
)
[[ -n ${SCHEMATHESIS_SEED:-} ]] && args+=(--seed "$SCHEMATHESIS_SEED")
[[ -n ${SEALBRIDGE_ADMIN_KEY:-} ]] && args+=(-H "Authorization: Bearer $SEALBRIDGE_ADMIN_KEY")

shown=("${args[@]}")
for i in "${!shown[@]}"; do
    [[ ${shown[$i]} == "Authorization: Bearer "* ]] && shown[$i]="Authorization: Bearer sb_…(SEALBRIDGE_ADMIN_KEY)"
done
echo "+ schemathesis ${shown[*]} $*" >&2

set +e
(cd "$WORK" && export PYTHONPATH="$SCRIPTS${PYTHONPATH:+:$PYTHONPATH}" SCHEMATHESIS_HOOKS=schemathesis_hooks \
    && timeout --kill-after=30 "$TIMEOUT" "$VENV/bin/schemathesis" "${args[@]}" "$@")
rc=$?
set -e

# --- the summary, from the JUnit report (one testcase per operation) -------------------------------------------
"$VENV/bin/python" - "$WORK/junit.xml" "$rc" "$TIMEOUT" <<'EOF'
import os, sys
import xml.etree.ElementTree as ET

path, rc, timeout = sys.argv[1], int(sys.argv[2]), sys.argv[3]
passed = failed = skipped = 0
rows = []
if os.path.exists(path):
    for case in ET.parse(path).getroot().iter("testcase"):
        name = case.get("name") or case.get("classname") or "?"
        if case.find("failure") is not None or case.find("error") is not None:
            failed += 1
            rows.append(("FAIL", name))
        elif case.find("skipped") is not None:
            skipped += 1
            rows.append(("skip", name))
        else:
            passed += 1
            rows.append(("ok", name))
print("\nschemathesis summary (operations)")
for status, name in rows:
    print(f"  {status:5} {name}")
if rc == 124 or rc == 137:
    print(f"schemathesis.sh: the run hit the {timeout} s time bound")
elif not rows:
    print("schemathesis.sh: no JUnit report was written")
if rc != 0 and failed == 0:
    failed = 1  # the run failed (errors, time bound, bad schema) without a failing test case to count
print(f"schemathesis: {passed} passed, {failed} failed, {skipped} skipped")
EOF

exit "$rc"
