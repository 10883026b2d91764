"""SM4 S-box algebra: table from the affine-inverse-affine form, checked against known entries."""

SM4_POLY = 0x1F5  # x^8+x^7+x^6+x^5+x^4+x^2+1


def gmul(a, b, poly=SM4_POLY):
    r = 0
    while b:
        if b & 1:
            r ^= a
        b >>= 1
        a <<= 1
        if a & 0x100:
            a ^= poly
    return r


def ginv(a, poly=SM4_POLY):
    if a == 0:
        return 0
    # a^254
    r = 1
    e = 254
    base = a
    while e:
        if e & 1:
            r = gmul(r, base, poly)
        base = gmul(base, base, poly)
        e >>= 1
    return r


def parity(x):
    return bin(x).count("1") & 1


def mat_apply(rows, x):
    """rows[i] is a bitmask over input bits; output bit i = parity(rows[i] & x)."""
    y = 0
    for i, r in enumerate(rows):
        y |= parity(r & x) << i
    return y


def rotl8(x, n):
    n %= 8
    return ((x << n) | (x >> (8 - n))) & 0xFF


def rev8(x):
    return int(f"{x:08b}"[::-1], 2)


KNOWN_PREFIX = [0xD6, 0x90, 0xE9, 0xFE, 0xCC, 0xE1, 0x3D, 0xB7, 0x16, 0xB6, 0x14, 0xC2, 0x28, 0xFB, 0x2C, 0x05]
KNOWN_LAST = [0xD7, 0xCB, 0x39, 0x48]


def find_affine():
    for row0 in [rotl8(b, k) for b in (0xCB, 0xD3) for k in range(8)]:
        for direction in (1, -1):
            rows = [rotl8(row0, direction * i) for i in range(8)]
            for c in (0xD3, 0xCB):
                table = [mat_apply(rows, ginv(mat_apply(rows, x) ^ c)) ^ c for x in range(256)]
                if table[:16] == KNOWN_PREFIX and table[-4:] == KNOWN_LAST:
                    return rows, c, table
    raise SystemExit("no affine form found")


A_ROWS, C_CONST, SBOX = find_affine()

if __name__ == "__main__":
    print("A rows", [hex(r) for r in A_ROWS], "C", hex(C_CONST))
    for i in range(0, 256, 16):
        print(", ".join(f"0x{v:02X}" for v in SBOX[i:i + 16]))
