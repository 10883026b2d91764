"""Reorders a gen_sbox.py circuit to keep fewer values live at once (fewer register spills)."""
import random
import sys


def load(path):
    lines = open(path).read().splitlines()
    gates, outs = [], None
    for line in lines[1:]:
        p = line.split()
        if p[0] == "out":
            outs = p[1:]
        else:
            gates.append(tuple(p))
    return lines[0], gates, outs


def max_live(gates, outs):
    last = {}
    for i, (_, n, a, b) in enumerate(gates):
        last[a] = i
        last[b] = i
    for o in outs:
        last[o] = len(gates)
    live = set(f"x{i}" for i in range(8))
    peak = len(live)
    for i, (_, n, a, b) in enumerate(gates):
        live.add(n)
        peak = max(peak, len(live))
        for v in (a, b):
            if last.get(v) == i:
                live.discard(v)
    return peak


def schedule(gates, outs, rng):
    producer = {n: (op, n, a, b) for op, n, a, b in gates}
    users = {}
    for op, n, a, b in gates:
        users.setdefault(a, set()).add(n)
        users.setdefault(b, set()).add(n)
    remaining_uses = {v: len(u) for v, u in users.items()}
    for o in outs:
        remaining_uses[o] = remaining_uses.get(o, 0) + 1
    done = set(f"x{i}" for i in range(8))
    order = []
    pending = set(producer)
    live = set(done)
    while pending:
        ready = [n for n in pending if producer[n][2] in done and producer[n][3] in done]
        best, bestkey = [], None
        for n in ready:
            _, _, a, b = producer[n]
            freed = sum(1 for v in {a, b} if remaining_uses[v] == 1)
            key = (freed, )
            if bestkey is None or key > bestkey:
                best, bestkey = [n], key
            elif key == bestkey:
                best.append(n)
        n = rng.choice(best)
        op, _, a, b = producer[n]
        order.append(producer[n])
        pending.discard(n)
        done.add(n)
        for v in {a, b}:
            remaining_uses[v] -= 1
    return order


header, gates, outs = load(sys.argv[1])
print("original peak", max_live(gates, outs), file=sys.stderr)
best = gates
for seed in range(2000):
    cand = schedule(gates, outs, random.Random(seed))
    if max_live(cand, outs) < max_live(best, outs):
        best = cand
print("scheduled peak", max_live(best, outs), file=sys.stderr)
print(header)
for g in best:
    print(" ".join(g))
print("out", " ".join(outs))
