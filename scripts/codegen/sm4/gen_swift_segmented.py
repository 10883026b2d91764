"""Emits the circuit for a SIMD lane type in segments of bounded depth, storing values that cross a segment
boundary to scratch memory (so that LLVM's SLP vectorizer, which looks a bounded depth from each store, keeps the
whole circuit in vector registers)."""
import sys

path, ty, maxdepth = sys.argv[1], sys.argv[2], int(sys.argv[3])
lines = open(path).read().splitlines()
gates, outs = [], None
for line in lines[1:]:
    p = line.split()
    if p[0] == "out":
        outs = p[1:]
    else:
        gates.append(p)
depth = {f"x{i}": 0 for i in range(8)}
for op, n, a, b in gates:
    depth[n] = max(depth[a], depth[b]) + 1
total = max(depth.values())
# segment index of a value
seg = {v: d // maxdepth for v, d in depth.items()}
# values crossing: produced in segment s, used in segment > s
crossing = set()
for op, n, a, b in gates:
    for v in (a, b):
        if seg[v] < seg[n] and not v.startswith("x"):
            crossing.add(v)
slots = {v: i for i, v in enumerate(sorted(crossing, key=lambda v: depth[v]))}
print(f"// depth {total}, {len(slots)} spilled", file=sys.stderr)
out = []
w = out.append
w(f"    @inline(__always)")
w(f"    static func apply(_ input: UnsafePointer<{ty}>, _ output: UnsafeMutablePointer<{ty}>, _ spill: UnsafeMutablePointer<{ty}>) {{")
for i in range(8):
    w(f"        let x{i} = input[{i}]")
current = 0
defined_in = {}
for op, n, a, b in gates:
    s = seg[n]
    if s != current:
        current = s
        w(f"        // segment {s}")
    def ref(v):
        if v.startswith("x") or seg[v] == s:
            return v
        return f"spill[{slots[v]}]"
    sym = "^" if op == "xor" else "&"
    w(f"        let {n} = {ref(a)} {sym} {ref(b)}")
    if n in slots:
        w(f"        spill[{slots[n]}] = {n}")
for i, o in enumerate(outs):
    w(f"        output[{i}] = {o}")
w("    }")
print("enum SM4SBoxCircuitSIMD {")
print("\n".join(out))
print("}")
