#!/usr/bin/env python3
"""Score a C2SP x509-limbo harness run against the suite and check Sealbridge's conformance bars.

Usage:
    scripts/limbo-score.py LIMBO_JSON RESULTS_JSON [--timings TIMINGS_JSON] [--max-list N]

LIMBO_JSON is the suite (``{"version": 1, "testcases": [...]}``), e.g. Tests/Vectors/limbo/limbo.json.
RESULTS_JSON is the harness output, e.g. from ``sealbridge conformance limbo < limbo.json``:

    {"version": 1, "harness": "...",
     "results": [{"id": ..., "actual_result": "SUCCESS" | "FAILURE" | "SKIPPED", "context": ...}]}

TIMINGS_JSON (optional) is a JSON object mapping case id -> seconds (a number). A top-level
``{"timings": {...}}`` wrapper is also accepted.

What it prints:
  * totals: cases in the suite, results given, passed, failed, skipped, missing;
  * the pass rate over non-skipped cases (a case passes when actual_result == expected_result;
    a case with no result, or with an actual_result other than SUCCESS/FAILURE/SKIPPED, fails);
  * skipped cases counted by reason (their ``context``);
  * a per-namespace table (namespace = id.split("::")[0]) of passed / failed / skipped / missing,
    unexpected verifications (actual SUCCESS where FAILURE was expected) and unexpected
    rejections (actual FAILURE where SUCCESS was expected);
  * every failing case with its expected and actual result and context (at most --max-list, default 200);
  * the bars below, each as PASS or FAIL.

Bars (exit status 1 if any fails, 0 if all pass; 2 for bad usage or unreadable input):
  (a) pass rate over non-skipped cases >= 99.5%;
  (b) zero unexpected verifications in the namespaces pathlen, crl, cve, pathological, bettertls;
  (c) at most 5 unexpected verifications in rfc5280 and webpki together;
  (d) every case in the suite has a result (a missing case also counts as a failure in (a));
  (e) only with --timings: every non-skipped case has a timing and takes under 5 s, and every
      denial-of-service case takes under 1 s. A case is a denial-of-service case when its
      namespace (or any "::"-separated id segment) is "denial-of-service", or when one of its
      features names denial of service ("denial-of-service", "denial_of_service", "dos", ...).

Python 3 standard library only.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from typing import NoReturn

PASS_RATE_BAR = 99.5
STRICT_NAMESPACES = ("pathlen", "crl", "cve", "pathological", "bettertls")
LENIENT_NAMESPACES = ("rfc5280", "webpki")
LENIENT_MAX_UNEXPECTED = 5
CASE_TIME_LIMIT = 5.0
DOS_TIME_LIMIT = 1.0
DOS_NAMESPACE = "denial-of-service"
VALID_ACTUALS = ("SUCCESS", "FAILURE", "SKIPPED")


def die(message: str) -> NoReturn:
    print(f"limbo-score: {message}", file=sys.stderr)
    sys.exit(2)


def load_json(path: str, what: str):
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except OSError as error:
        die(f"cannot read {what} {path}: {error}")
    except json.JSONDecodeError as error:
        die(f"{what} {path} is not JSON: {error}")


def namespace(case_id: str) -> str:
    return case_id.split("::")[0]


def is_dos_feature(feature: str) -> bool:
    norm = feature.lower().replace("_", "-")
    if "denial-of-service" in norm or "denialofservice" in norm.replace("-", ""):
        return True
    return "dos" in re.split(r"[^a-z0-9]+", norm)


def is_dos_case(case: dict) -> bool:
    if DOS_NAMESPACE in case["id"].split("::"):
        return True
    return any(is_dos_feature(str(f)) for f in (case.get("features") or []))


def one_line(text) -> str:
    if text is None:
        return "-"
    text = " ".join(str(text).split())
    return text if len(text) <= 200 else text[:197] + "..."


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="limbo-score.py",
        description="Score an x509-limbo harness run and check the conformance bars.",
    )
    parser.add_argument("limbo_json", metavar="LIMBO_JSON", help="the limbo suite")
    parser.add_argument("results_json", metavar="RESULTS_JSON", help="the harness results")
    parser.add_argument("--timings", metavar="TIMINGS_JSON", help="JSON object: case id -> seconds")
    parser.add_argument("--max-list", metavar="N", type=int, default=200,
                        help="list at most N failing cases (default 200)")
    args = parser.parse_args(argv)
    if args.max_list < 0:
        die("--max-list must be >= 0")

    suite = load_json(args.limbo_json, "suite")
    if not isinstance(suite, dict) or not isinstance(suite.get("testcases"), list):
        die(f"{args.limbo_json} has no 'testcases' list")
    cases = []
    seen_ids = set()
    for case in suite["testcases"]:
        if not isinstance(case, dict) or "id" not in case or "expected_result" not in case:
            die(f"{args.limbo_json}: a test case lacks 'id' or 'expected_result'")
        if case["id"] in seen_ids:
            die(f"{args.limbo_json}: duplicate case id {case['id']}")
        seen_ids.add(case["id"])
        cases.append(case)

    results_doc = load_json(args.results_json, "results")
    if not isinstance(results_doc, dict) or not isinstance(results_doc.get("results"), list):
        die(f"{args.results_json} has no 'results' list")
    results: dict[str, dict] = {}
    duplicates: list[str] = []
    for entry in results_doc["results"]:
        if not isinstance(entry, dict) or "id" not in entry:
            die(f"{args.results_json}: a result lacks 'id'")
        if entry["id"] in results:
            duplicates.append(entry["id"])
            continue  # the first result for an id counts
        results[entry["id"]] = entry
    unknown = sorted(set(results) - seen_ids)

    timings = None
    if args.timings:
        timings = load_json(args.timings, "timings")
        if isinstance(timings, dict) and isinstance(timings.get("timings"), dict):
            timings = timings["timings"]
        if not isinstance(timings, dict):
            die(f"{args.timings} is not a JSON object of id -> seconds")
        for key, value in timings.items():
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                die(f"{args.timings}: timing for {key} is not a number: {value!r}")

    # Classify every case.
    per_ns: dict[str, Counter] = defaultdict(Counter)
    skip_reasons: Counter = Counter()
    failures: list[tuple[str, str, str, str]] = []  # (id, expected, actual, context)
    passed = failed = skipped = missing = 0
    skipped_ids = set()
    for case in cases:
        cid, expected = case["id"], case["expected_result"]
        ns = per_ns[namespace(cid)]
        ns["total"] += 1
        entry = results.get(cid)
        if entry is None:
            missing += 1
            failed += 1
            ns["missing"] += 1
            ns["failed"] += 1
            failures.append((cid, expected, "MISSING", "no result for this case"))
            continue
        actual = entry.get("actual_result")
        context = entry.get("context")
        if actual == "SKIPPED":
            skipped += 1
            ns["skipped"] += 1
            skipped_ids.add(cid)
            skip_reasons[one_line(context) if context not in (None, "") else "(no reason given)"] += 1
            continue
        if actual == expected:
            passed += 1
            ns["passed"] += 1
            continue
        failed += 1
        ns["failed"] += 1
        if actual not in VALID_ACTUALS:
            failures.append((cid, expected, f"INVALID({actual!r})", one_line(context)))
            continue
        if actual == "SUCCESS" and expected == "FAILURE":
            ns["unexpected_verifications"] += 1
        elif actual == "FAILURE" and expected == "SUCCESS":
            ns["unexpected_rejections"] += 1
        failures.append((cid, expected, actual, one_line(context)))

    total = len(cases)
    non_skipped = total - skipped
    pass_rate = (100.0 * passed / non_skipped) if non_skipped else None

    # Report.
    print(f"suite:   {args.limbo_json} ({total} cases)")
    harness = results_doc.get("harness")
    print(f"results: {args.results_json} (harness {harness!r}, {len(results_doc['results'])} results)")
    print()
    print("Totals")
    print(f"  cases       {total}")
    print(f"  passed      {passed}")
    print(f"  failed      {failed}  (of which missing: {missing})")
    print(f"  skipped     {skipped}")
    if pass_rate is None:
        print("  pass rate   n/a (no non-skipped cases)")
    else:
        print(f"  pass rate   {pass_rate:.2f}% ({passed}/{non_skipped} non-skipped)")
    if duplicates:
        print(f"  warning: {len(duplicates)} duplicate result id(s); the first result counts: "
              + ", ".join(sorted(set(duplicates))[:10]))
    if unknown:
        print(f"  warning: {len(unknown)} result id(s) not in the suite: " + ", ".join(unknown[:10])
              + (" ..." if len(unknown) > 10 else ""))
    print()

    print("Skipped by reason")
    if not skip_reasons:
        print("  (none)")
    for reason, count in sorted(skip_reasons.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {count:6d}  {reason}")
    print()

    print("Per namespace")
    header = ("namespace", "total", "passed", "failed", "skipped", "missing", "unexp-verif", "unexp-reject")
    rows = []
    for name in sorted(per_ns):
        c = per_ns[name]
        rows.append((name, c["total"], c["passed"], c["failed"], c["skipped"], c["missing"],
                     c["unexpected_verifications"], c["unexpected_rejections"]))
    all_ns = Counter()
    for c in per_ns.values():
        all_ns.update(c)
    rows.append(("(all)", all_ns["total"], all_ns["passed"], all_ns["failed"], all_ns["skipped"],
                 all_ns["missing"], all_ns["unexpected_verifications"], all_ns["unexpected_rejections"]))
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
    fmt = "  " + "  ".join("{:<%d}" % widths[0] if i == 0 else "{:>%d}" % widths[i] for i in range(len(header)))
    print(fmt.format(*header))
    for row in rows:
        print(fmt.format(*row))
    print()

    print(f"Failing cases ({len(failures)})")
    if not failures:
        print("  (none)")
    for cid, expected, actual, context in failures[: args.max_list]:
        print(f"  {cid}")
        print(f"      expected {expected}, actual {actual}: {context}")
    if len(failures) > args.max_list:
        print(f"  ... and {len(failures) - args.max_list} more (raise --max-list to see them)")
    print()

    # Bars.
    bars: list[tuple[str, bool, str]] = []
    if pass_rate is None:
        bars.append(("(a) pass rate >= 99.5% over non-skipped cases", False, "no non-skipped cases"))
    else:
        bars.append(("(a) pass rate >= 99.5% over non-skipped cases", pass_rate >= PASS_RATE_BAR,
                     f"{pass_rate:.2f}%"))
    strict_detail = []
    strict_total = 0
    for name in STRICT_NAMESPACES:
        count = per_ns[name]["unexpected_verifications"] if name in per_ns else 0
        strict_total += count
        strict_detail.append(f"{name}={count}" + ("" if name in per_ns else " (absent)"))
    bars.append(("(b) no unexpected verifications in " + ", ".join(STRICT_NAMESPACES),
                 strict_total == 0, "; ".join(strict_detail)))
    lenient_total = sum(per_ns[n]["unexpected_verifications"] for n in LENIENT_NAMESPACES if n in per_ns)
    bars.append((f"(c) at most {LENIENT_MAX_UNEXPECTED} unexpected verifications in rfc5280 + webpki",
                 lenient_total <= LENIENT_MAX_UNEXPECTED, f"{lenient_total}"))
    bars.append(("(d) every case has a result (missing ones count as failures)", missing == 0,
                 f"{missing} missing"))

    if timings is not None:
        dos_ids = {case["id"] for case in cases if is_dos_case(case)}
        slow, slow_dos, untimed = [], [], []
        for case in cases:
            cid = case["id"]
            if cid in skipped_ids:
                continue
            seconds = timings.get(cid)
            if seconds is None:
                untimed.append(cid)
                continue
            if seconds >= CASE_TIME_LIMIT:
                slow.append((cid, seconds))
            if cid in dos_ids and seconds >= DOS_TIME_LIMIT:
                slow_dos.append((cid, seconds))
        timed = [float(timings[c["id"]]) for c in cases if c["id"] in timings]
        print(f"Timings ({len(timed)} timed cases; {len(dos_ids)} denial-of-service case(s) in the suite)")
        if timed:
            ordered = sorted(timed)
            print(f"  total {sum(timed):.3f} s, median {ordered[len(ordered) // 2]:.4f} s, max {ordered[-1]:.4f} s")
        slowest = sorted(((float(v), k) for k, v in timings.items() if k in seen_ids), reverse=True)[:5]
        for seconds, cid in slowest:
            print(f"  {seconds:9.4f} s  {cid}" + ("  [denial-of-service]" if cid in dos_ids else ""))
        for cid, seconds in slow:
            print(f"  over {CASE_TIME_LIMIT:g} s: {cid} ({seconds:.3f} s)")
        for cid, seconds in slow_dos:
            print(f"  denial-of-service case over {DOS_TIME_LIMIT:g} s: {cid} ({seconds:.3f} s)")
        for cid in untimed[: args.max_list]:
            print(f"  no timing: {cid}")
        if len(untimed) > args.max_list:
            print(f"  ... and {len(untimed) - args.max_list} more without a timing")
        print()
        bars.append((f"(e) every case < {CASE_TIME_LIMIT:g} s, denial-of-service cases < {DOS_TIME_LIMIT:g} s",
                     not slow and not slow_dos and not untimed,
                     f"{len(slow)} over {CASE_TIME_LIMIT:g} s, {len(slow_dos)} DoS over {DOS_TIME_LIMIT:g} s, "
                     f"{len(untimed)} without a timing"))

    print("Bars")
    all_pass = True
    for title, ok, detail in bars:
        all_pass &= ok
        print(f"  {'PASS' if ok else 'FAIL'}  {title}: {detail}")
    print()
    print("RESULT: " + ("PASS" if all_pass else "FAIL"))
    return 0 if all_pass else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
