#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/ with -sanitize=fuzzer,address and runs each for FUZZ_SECONDS (default 60).
# Seeds come from Fuzz/Seeds/<target>; the growing corpus goes to Fuzz/corpus/<target> (not committed); a crash is
# written to Fuzz/crashes/ and fails the script. Pin every crasher as a named test input before fixing it.
set -euo pipefail
cd "$(dirname "$0")/../Fuzz"
seconds="${FUZZ_SECONDS:-60}"
targets=(FuzzKeys FuzzSM2Signature FuzzSM2Ciphertext FuzzX509 FuzzPathBuilding FuzzCMS FuzzTimeStamp FuzzTrustList
    FuzzValidation FuzzInputKind FuzzService FuzzOFD FuzzSES FuzzSealImage FuzzXMLSignature FuzzJWS)
# lld: gold crashes (dwarf_reader internal error) linking the sanitizer runtimes.
for target in "${targets[@]}"; do
    swift build -c release --scratch-path .build-fuzz --product "$target" \
        -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld >/dev/null
done
bin="$(swift build -c release --scratch-path .build-fuzz --show-bin-path)"
mkdir -p crashes
status=0
for target in "${targets[@]}"; do
    mkdir -p "corpus/$target"
    seeds=()
    [ -d "Seeds/$target" ] && seeds=("Seeds/$target")
    echo "fuzzing $target for ${seconds}s"
    if ! "$bin/$target" -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=65536 -timeout=5 \
        -artifact_prefix="crashes/$target-" -print_final_stats=1 "corpus/$target" "${seeds[@]}" 2>"crashes/$target.log"; then
        echo "FAILED: $target (see Fuzz/crashes/$target.log)"; tail -30 "crashes/$target.log"; status=1
    else
        grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb" "crashes/$target.log" | sed "s/^/  $target /"
    fi
done
exit $status
