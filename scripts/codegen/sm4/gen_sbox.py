"""Derives a boolean circuit (AND/XOR only, no constants) for SM4's S-box without its affine constants.

S(t) = A * inv(A * t + C) + C = S''(t + c') + C, with c' = A^-1 C and S''(u) = A * inv(A * u).
The circuit computes S''. inv runs in the tower field GF(((2^2)^2)^2): the GF(2^8) inverse is reduced to one
GF(2^4) product, a GF(2^4) inverse and two GF(2^4) products, each product Karatsuba-split into 9 ANDs; the linear
layers around the 36 ANDs are shortened with the Boyar-Peralta shortest-linear-program heuristic.
"""

import random
import sys

import numpy as np

from sm4_field import A_ROWS, C_CONST, SBOX, SM4_POLY, gmul, mat_apply, parity

# ---------------------------------------------------------------- tower field


def mul4(a, b):  # GF(4), a = h*w + l, w^2 = w + 1
    ah, al, bh, bl = a >> 1, a & 1, b >> 1, b & 1
    m1, m0, mx = ah & bh, al & bl, (ah ^ al) & (bh ^ bl)
    return ((mx ^ m0) << 1) | (m1 ^ m0)


N4 = 0b10  # N = w


def mul16(a, b):  # GF(16) = GF(4)[z]/(z^2 + z + N)
    a1, a0, b1, b0 = a >> 2, a & 3, b >> 2, b & 3
    t11 = mul4(a1, b1)
    hi = t11 ^ mul4(a1, b0) ^ mul4(a0, b1)
    lo = mul4(t11, N4) ^ mul4(a0, b0)
    return (hi << 2) | lo


def mul256(a, b, nu):  # GF(256) = GF(16)[Y]/(Y^2 + Y + nu)
    a1, a0, b1, b0 = a >> 4, a & 15, b >> 4, b & 15
    t11 = mul16(a1, b1)
    hi = t11 ^ mul16(a1, b0) ^ mul16(a0, b1)
    lo = mul16(t11, nu) ^ mul16(a0, b0)
    return (hi << 4) | lo


def inv256(a, nu):
    for b in range(256):
        if mul256(a, b, nu) == 1:
            return b
    return 0


def irreducible_nus():
    out = []
    for nu in range(16):
        if all(mul16(y, y) ^ y ^ nu for y in range(16)):
            out.append(nu)
    return out


def pow256(a, e, nu):
    r = 1
    for _ in range(e):
        r = mul256(r, a, nu)
    return r


def sm4_poly_roots(nu):
    roots = []
    for beta in range(2, 256):
        acc = 0
        for i in range(9):
            if (SM4_POLY >> i) & 1:
                acc ^= pow256(beta, i, nu)
        if acc == 0:
            roots.append(beta)
    return roots


# ---------------------------------------------------------------- GF(2) matrices as row masks


def rows_of(fn, nin, nout):
    """Row masks of the linear map fn: int(nin bits) -> int(nout bits)."""
    cols = [fn(1 << j) for j in range(nin)]
    return [sum(((cols[j] >> i) & 1) << j for j in range(nin)) for i in range(nout)]


def lin(rows):
    return lambda x: mat_apply(rows, x)


# GF(16) Karatsuba forms: g = (g1h g1l g0h g0l) as bits 3..0
FORMS16 = [0b1000, 0b0100, 0b1100, 0b0010, 0b0001, 0b0011, 0b1010, 0b0101, 0b1111]


def forms16(g):
    return [parity(f & g) for f in FORMS16]


def solve_recombination():
    """R (4 rows of 9-bit masks) with mul16(g, h) = R * (forms(g) AND forms(h))."""
    rows = []
    for bit in range(4):
        found = None
        for mask in range(1 << 9):
            if all(
                ((mul16(g, h) >> bit) & 1) == parity(mask & sum((fg & fh) << k for k, (fg, fh) in enumerate(zip(forms16(g), forms16(h)))))
                for g in range(16) for h in range(16)
            ):
                found = mask
                break
        assert found is not None
        rows.append(found)
    return rows


R16 = solve_recombination()

# ---------------------------------------------------------------- shortest linear program (Boyar-Peralta heuristic)


def slp(targets, nin, rng, names):
    """Returns (gates, outnames). gates: list of (newname, a, b). targets: masks over nin inputs."""
    size = 1 << nin
    INF = 99
    dist = np.full(size, INF, dtype=np.int16)
    dist[0] = 0
    # elements count: number of base vectors summing to v
    base = []
    sig = {}
    for j in range(nin):
        b = 1 << j
        base.append(b)
        sig[b] = names[j]
    idx = np.arange(size)
    for b in base:
        dist = np.minimum(dist, dist[idx ^ b] + 1)
    # iterate to closure (each base used at most once: min over subsets) -- the update above is exact per element
    gates = []
    counter = [0]
    tgt = list(targets)
    for t in tgt:
        assert t != 0

    def cost(d):
        return [max(int(d[t]) - 1, 0) for t in tgt]

    while True:
        cur = cost(dist)
        if sum(cur) == 0:
            break
        best = None
        cands = []
        for i in range(len(base)):
            for j in range(i + 1, len(base)):
                nb = base[i] ^ base[j]
                if nb in sig or nb == 0:
                    continue
                new = [min(c, max(int(dist[t ^ nb]), 0)) if c > 0 else 0 for c, t in zip(cur, tgt)]
                # t reachable as nb + (elements of t^nb): count = 1 + dist[t^nb] elements -> xors = dist[t^nb]
                s = sum(new)
                norm = sum(v * v for v in new)
                key = (s, -norm)
                cands.append((key, base[i], base[j], nb))
        cands.sort(key=lambda c: c[0])
        bestkey = cands[0][0]
        ties = [c for c in cands if c[0] == bestkey]
        # prefer a candidate that is itself a target
        tied_targets = [c for c in ties if c[3] in tgt]
        pick = rng.choice(tied_targets or ties)
        _, a, b, nb = pick
        counter[0] += 1
        name = f"{names[nin]}{counter[0]}"
        gates.append((name, sig[a], sig[b]))
        sig[nb] = name
        base.append(nb)
        dist = np.minimum(dist, dist[idx ^ nb] + 1)
    outs = []
    for t in tgt:
        outs.append(sig[t])
    return gates, outs


# ---------------------------------------------------------------- circuit assembly


def build(nu, beta, rng):
    # phi: SM4 field -> tower, x^i -> beta^i
    phi_cols = [pow256(beta, i, nu) for i in range(8)]

    def phi(x):
        r = 0
        for i in range(8):
            if (x >> i) & 1:
                r ^= phi_cols[i]
        return r

    phi_inv = {phi(x): x for x in range(256)}
    assert len(phi_inv) == 256
    for x in range(1, 256):  # field isomorphism sanity
        for y in (3, 0x57):
            assert phi(gmul(x, y)) == mul256(phi(x), phi(y), nu)

    def m_map(u):
        return phi(mat_apply(A_ROWS, u))

    # top targets, as masks over u (8 bits)
    def form_on_a(mask_a):
        return rows_of(lambda u: parity(mask_a & m_map(u)), 8, 1)[0]

    fah = [form_on_a(f << 4) for f in FORMS16]
    fs = [form_on_a((f << 4) | f) for f in FORMS16]

    def ld(a):
        ah, al = a >> 4, a & 15
        return mul16(mul16(ah, ah), nu ^ 1) ^ mul16(al, al)

    ld_rows = rows_of(lambda u: ld(m_map(u)), 8, 4)
    top_targets = fah + fs + ld_rows
    # dedupe
    uniq = []
    for t in top_targets:
        if t not in uniq:
            uniq.append(t)
    top_gates, top_out = slp(uniq, 8, rng, [f"x{i}" for i in range(8)] + ["t"])
    top_name = dict(zip(uniq, top_out))
    fah_n = [top_name[t] for t in fah]
    fs_n = [top_name[t] for t in fs]
    ld_n = [top_name[t] for t in ld_rows]

    gates = [("xor", g, a, b) for g, a, b in top_gates]
    # P = fah AND fs
    p_n = []
    for k in range(9):
        gates.append(("and", f"p{k}", fah_n[k], fs_n[k]))
        p_n.append(f"p{k}")
    # d = R * P + Ld: inputs p0..p8, l0..l3 (13); the GF(16) inverse's input sums come out of the same layer
    d_bits = [R16[i] | (1 << (9 + i)) for i in range(4)]
    d1h, d1l, d0h, d0l = d_bits[3], d_bits[2], d_bits[1], d_bits[0]
    d_targets = [d1h, d1l, d0h, d0l, d1h ^ d0h, d1l ^ d0l, d0h ^ d0l, d1h ^ d0h ^ d1l ^ d0l, d1h ^ d1l]
    d_gates, d_out = slp(d_targets, 13, rng, p_n + ld_n + ["d"])
    gates += [("xor", g, a, b) for g, a, b in d_gates]
    inv_gates, e_forms = gf16_inverse_gates(*d_out)
    gates += inv_gates
    # Q = e_forms AND fah, T = e_forms AND fs
    q_n, r_n = [], []
    for k in range(9):
        gates.append(("and", f"q{k}", e_forms[k], fah_n[k]))
        gates.append(("and", f"r{k}", e_forms[k], fs_n[k]))
        q_n.append(f"q{k}")
        r_n.append(f"r{k}")

    # bottom: out = A * phi^-1((R*Q) << 4 | R*T)
    def bottom(v):  # v: 18 bits, q0..q8 then r0..r8
        q = v & 511
        r = v >> 9
        hi = sum(parity(R16[i] & q) << i for i in range(4))
        lo = sum(parity(R16[i] & r) << i for i in range(4))
        return mat_apply(A_ROWS, phi_inv[(hi << 4) | lo])

    bot_rows = rows_of(bottom, 18, 8)
    b_gates, b_out = slp(bot_rows, 18, rng, q_n + r_n + ["b"])
    gates += [("xor", g, a, b) for g, a, b in b_gates]
    return gates, b_out


def gf16_inverse_gates(d1h, d1l, d0h, d0l, sh, sl, d0x, sx, d1x):
    """Gates computing the 9 Karatsuba forms of d^-1 in GF(16) from d's bits and their sums."""
    gates = []

    def x(n, a, b):
        gates.append(("xor", n, a, b))
        return n

    def a_(n, a, b):
        gates.append(("and", n, a, b))
        return n

    # e = d1^2 * w + d0 * s, d1^2 * w = (d1l, d1h)
    m1 = a_("m1", d0h, sh)
    m0 = a_("m0", d0l, sl)
    mx = a_("mx", d0x, sx)
    eh0 = x("eh0", mx, m0)
    el0 = x("el0", m1, m0)
    eh = x("eh", eh0, d1l)
    el = x("el", el0, d1h)
    # e' = e^2 = (eh, eh ^ el); forms of e' = eh, eh^el, el
    ex = x("ex", eh, el)
    # g1' = d1 * e'
    n1 = a_("n1", d1h, eh)
    n0 = a_("n0", d1l, ex)
    nx = a_("nx", d1x, el)
    # g0' = s * e'
    o1 = a_("o1", sh, eh)
    o0 = a_("o0", sl, ex)
    ox = a_("ox", sx, el)
    # g1' = (nx ^ n0, n1 ^ n0), g0' = (ox ^ o0, o1 ^ o0); forms:
    # [g1h, g1l, g1h^g1l, g0h, g0l, g0h^g0l, g1h^g0h, g1l^g0l, all]
    g1h = x("g1h", nx, n0)
    g1l = x("g1l", n1, n0)
    g1x = x("g1x", nx, n1)
    g0h = x("g0h", ox, o0)
    g0l = x("g0l", o1, o0)
    g0x = x("g0x", ox, o1)
    hh = x("hh", g1h, g0h)
    ll = x("ll", g1l, g0l)
    al = x("al", g1x, g0x)
    return gates, [g1h, g1l, g1x, g0h, g0l, g0x, hh, ll, al]


def simulate(gates, outs):
    env = {}
    for i in range(8):
        env[f"x{i}"] = sum(((u >> i) & 1) << u for u in range(256))
    for op, n, a, b in gates:
        env[n] = env[a] ^ env[b] if op == "xor" else env[a] & env[b]
    res = [0] * 256
    for i, o in enumerate(outs):
        v = env[o]
        for u in range(256):
            res[u] |= ((v >> u) & 1) << i
    return res


def main():
    a_inv = {mat_apply(A_ROWS, x): x for x in range(256)}
    c_prime = a_inv[C_CONST]
    target = [SBOX[u ^ c_prime] ^ C_CONST for u in range(256)]
    best = None
    tries = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    for nu in irreducible_nus():
        for beta in sm4_poly_roots(nu):
            for seed in range(tries):
                rng = random.Random(seed * 1000 + nu * 16 + beta)
                gates, outs = build(nu, beta, rng)
                assert simulate(gates, outs) == target, (nu, beta)
                if best is None or len(gates) < len(best[0]):
                    best = (gates, outs, nu, beta)
                    print(f"nu={nu} beta={beta:#x} gates={len(gates)}", file=sys.stderr)
    gates, outs, nu, beta = best
    print(f"# c' = {c_prime:#04x}, C = {C_CONST:#04x}, nu = {nu}, beta = {beta:#x}, gates = {len(gates)}")
    for op, n, a, b in gates:
        print(op, n, a, b)
    print("out", " ".join(outs))


if __name__ == "__main__":
    main()
