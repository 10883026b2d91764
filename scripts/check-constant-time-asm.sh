#!/usr/bin/env bash
# Fails when the machine code of a constant-time primitive contains a forward conditional branch (an if/else the
# compiler made). The primitives are compiled out of line in SealbridgeSM's ConstantTimeProbes (release build);
# their callers inline the same code. Backward conditional jumps close loops over fixed, public counts (safegcd's
# 59 divsteps) and are counted, not refused.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --target SealbridgeSM >/dev/null
object="$(swift build -c release --show-bin-path)/SealbridgeSM.build/ConstantTimeProbes.swift.o"
[ -f "$object" ] || { echo "no object file $object"; exit 1; }
objdump -d --no-show-raw-insn "$object" | python3 -c '
import re, sys
probes = ["fieldMultiply", "fieldSquare", "fieldAddSubtract", "scalarSign", "pointStep", "safeGCDBatch"]
functions, current = {}, None
for line in sys.stdin:
    header = re.match(r"^[0-9a-f]+ <(.*)>:$", line)
    if header:
        current = header.group(1)
        functions[current] = []
    elif current:
        functions[current].append(line.rstrip())
status = 0
for probe in probes:
    names = [n for n in functions if "ConstantTimeProbes" in n and (probe + "y") in n]
    if not names:
        print(f"probe {probe} not found"); status = 1; continue
    body = functions[names[0]]
    forward, loops = [], 0
    for line in body:
        m = re.match(r"\s*([0-9a-f]+):\s+(j(?!mp)[a-z]+)\s+([0-9a-f]+)", line)
        if m:
            if int(m.group(3), 16) > int(m.group(1), 16):
                forward.append(line.strip())
            else:
                loops += 1
    if forward:
        print(f"FAIL {probe}: forward conditional branch in constant-time code:"); print("\n".join(forward)); status = 1
    else:
        print(f"ok   {probe}: {len(body)} instructions, no forward conditional branch ({loops} loop back-edges)")
sys.exit(status)
'
