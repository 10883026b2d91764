#!/usr/bin/env bash
# Fails when the machine code of a constant-time primitive contains a conditional branch. The primitives are
# compiled out of line in SealbridgeSM's ConstantTimeProbes (release build); their callers inline the same code.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --target SealbridgeSM >/dev/null
object="$(swift build -c release --show-bin-path)/SealbridgeSM.build/ConstantTimeProbes.swift.o"
[ -f "$object" ] || { echo "no object file $object"; exit 1; }
status=0
for probe in fieldMultiply fieldSquare fieldAddSubtract scalarSign pointStep; do
    body=$(objdump -d --no-show-raw-insn "$object" | awk -v p="$probe" '
        /^[0-9a-f]+ <.*>:$/ { inside = (index($0, "ConstantTimeProbes") && index($0, p "y")) }
        inside { print }')
    if [ -z "$body" ]; then echo "probe $probe not found in $object"; status=1; continue; fi
    lines=$(echo "$body" | wc -l)
    branches=$(echo "$body" | grep -E '\sj(a|ae|b|be|c|e|g|ge|l|le|na|nae|nb|nbe|nc|ne|ng|nge|nl|nle|no|np|ns|nz|o|p|pe|po|s|z)\s' || true)
    if [ -n "$branches" ]; then
        echo "FAIL $probe: conditional branch in constant-time code:"; echo "$branches"; status=1
    else
        echo "ok   $probe: $lines instructions, no conditional branch"
    fi
done
exit $status
