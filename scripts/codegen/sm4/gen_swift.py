"""Emits SM4SBoxCircuit.swift from a circuit file written by gen_sbox.py."""

import re
import sys


def emit_segmented(w, gates, outs, ty, maxdepth):
    depth = {f"x{i}": 0 for i in range(8)}
    for op, n, a, b in gates:
        depth[n] = max(depth[a], depth[b]) + 1
    seg = {v: d // maxdepth for v, d in depth.items()}
    crossing = set()
    for op, n, a, b in gates:
        for v in (a, b):
            if seg[v] < seg[n] and not v.startswith("x"):
                crossing.add(v)
    slots = {v: i for i, v in enumerate(sorted(crossing, key=lambda v: (depth[v], v)))}
    w(f"    /// Slots of `spill` that `apply(_:_:spill:)` uses.")
    w(f"    static let spillCount = {len(slots)}")
    w("")
    w(f"    /// S″ on eight bit planes read from `input`, written to `output` (`[0]` least significant).")
    w("    ///")
    w(f"    /// The circuit (depth {max(depth.values())}) runs in segments of depth {maxdepth}; values that cross a")
    w("    /// segment go through `spill`. LLVM's SLP vectorizer looks a bounded depth up from each store, so without")
    w("    /// the stores it would split the vector lanes into scalar operations.")
    w("    @inline(__always)")
    w("    static func apply<Lane: SM4BitslicedLane>(")
    w(f"        _ input: UnsafePointer<Lane>,")
    w(f"        _ output: UnsafeMutablePointer<Lane>,")
    w(f"        spill: UnsafeMutablePointer<Lane>")
    w("    ) {")
    for i in range(8):
        w(f"        let x{i} = input[{i}]")
    for op, n, a, b in gates:
        s = seg[n]

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


def main():
    path = sys.argv[1]
    types = sys.argv[2:] or ["UInt64"]
    segmented = [t[len("segmented:"):] for t in types if t.startswith("segmented:")]
    types = [t for t in types if not t.startswith("segmented:")]
    lines = open(path).read().splitlines()
    header = lines[0]
    m = re.search(r"c' = (0x[0-9a-f]+), C = (0x[0-9a-f]+)", header)
    c_prime, c_out = int(m.group(1), 16), int(m.group(2), 16)
    gates = []
    outs = None
    for line in lines[1:]:
        parts = line.split()
        if parts[0] == "out":
            outs = parts[1:]
        else:
            gates.append(parts)
    n_and = sum(1 for g in gates if g[0] == "and")
    n_xor = len(gates) - n_and
    out = []
    w = out.append
    w("// Generated (tower-field derivation, Boyar–Peralta linear-layer search, exhaustive check against the S-box")
    w("// table); do not edit by hand. The generator scripts are sm4_field.py, gen_sbox.py, schedule.py, gen_swift.py.")
    w("")
    w(f"/// SM4's S-box as a boolean circuit of {n_and} ANDs and {n_xor} XORs: no table and no branch, so constant-time.")
    w("///")
    w("/// SM4's S-box is affine, GF(2⁸) inverse, affine: S(t) = A·(A·t ⊕ C)⁻¹ ⊕ C (GB/T 32907-2016, with")
    w("/// A the circulant matrix of row 0xA7 and C = 0xD3). The circuit computes S″(u) = A·(A·u)⁻¹, which has no")
    w("/// constants, so S(t) = S″(t ⊕ c′) ⊕ C with c′ = A⁻¹·C. The inverse runs in the tower field GF(((2²)²)²):")
    w("/// one GF(2⁴) product, a GF(2⁴) inverse and two GF(2⁴) products, each product a 9-AND Karatsuba split; the")
    w("/// linear layers around them were shortened with the Boyar–Peralta heuristic and the whole circuit checked")
    w("/// against the table on all 256 inputs.")
    w("///")
    w("/// Each operand is a bit plane: bit `i` of the S-box input for every lane at once. With planes `t >> i`")
    w("/// of a word, the lanes at bits 0, 8, 16, … are the word's bytes; with transposed planes every bit is a lane.")
    w("enum SM4SBoxCircuit {")
    w(f"    /// c′ = A⁻¹·C: XOR it into every byte of the input (callers fold it into the round keys).")
    w(f"    static let inputConstant: UInt8 = 0x{c_prime:02X}")
    w(f"    /// C: XOR it into every byte of the output (callers fold it into the round keys).")
    w(f"    static let outputConstant: UInt8 = 0x{c_out:02X}")
    for ty in types:
        w("")
        w(f"    /// S″ on eight bit planes of `{ty}`; `x0` is the least significant input bit, `y0` the output's.")
        w("    @inline(__always)")
        w("    static func apply(")
        for i in range(8):
            w(f"        _ x{i}: {ty}{',' if i < 7 else ''}")
        w("    ) -> (")
        w("        " + ", ".join(f"y0: {ty}" if i == 0 else f"y{i}: {ty}" for i in range(4)) + ",")
        w("        " + ", ".join(f"y{i}: {ty}" for i in range(4, 8)))
        w("    ) {")
        for op, n, a, b in gates:
            sym = "^" if op == "xor" else "&"
            w(f"        let {n} = {a} {sym} {b}")
        w("        return (" + ", ".join(outs) + ")")
        w("    }")
    for ty in segmented:
        w("")
        emit_segmented(w, gates, outs, ty, 10)
    w("}")
    print("\n".join(out))


if __name__ == "__main__":
    main()
