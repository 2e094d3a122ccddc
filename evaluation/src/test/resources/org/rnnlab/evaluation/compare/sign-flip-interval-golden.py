# Exact inversion of the paired sign-flip test, independent of the Java code: differences as integers (units of 1e-4),
# shifts as fractions; p(delta) by brute force over all 2^n sign assignments; the ends of {delta : p(delta) >= 0.05} are
# among the roots of |S_s(delta)| = |T(delta)|, checked again on a fine grid.
from fractions import Fraction as F
from itertools import product
import sys

def p(d, delta):
    n = len(d)
    t = abs(sum(x - delta for x in d))
    c = 0
    for s in product((1, -1), repeat=n):
        if abs(sum(si * (x - delta) for si, x in zip(s, d))) >= t:
            c += 1
    return F(c, 2 ** n)

def ends(d):
    n = len(d)
    D = sum(d)
    mean = F(D, n)
    roots = set()
    for s in product((1, -1), repeat=n):
        a = sum(si * x for si, x in zip(s, d))
        b = sum(s)
        if b != n:
            roots.add(F(D - a, n - b))
        if b != -n:
            roots.add(F(D + a, n + b))
    up = sorted(r for r in roots if r >= mean)
    down = sorted((r for r in roots if r <= mean), reverse=True)
    alpha = F(5, 100)
    hi = None
    for r in up:
        if p(d, r) >= alpha:
            hi = r
        else:
            break
    lo = None
    for r in down:
        if p(d, r) >= alpha:
            lo = r
        else:
            break
    return lo, hi, p(d, 0)

def grid_check(d, lo, hi, steps=4000):
    span = max(d) - min(d) + 1
    a, b = min(d) - span, max(d) + span
    for k in range(steps + 1):
        x = a + F(b - a) * k / steps
        acc = p(d, x) >= F(5, 100)
        assert acc == (lo <= x <= hi), (d, x, acc, lo, hi)

sets = {
    'sixNegative': [-500, -1200, -3100, -200, -2600, -2000],
    'sevenMixed': [3000, 1000, -500, 2000, 1500, 2500, 500],
    'nineSmall': [100, -200, 300, 50, 120, 40, -10, 80, 20],
    'sixEqual': [1000] * 6,
    'eightMixed': [-1598, 120, -600, -2700, 300, -900, -1500, 40],
    'nineWithZeros': [0, 0, 33, 67, 0, 33, 0, 33, 0],
}
for name, d in sets.items():
    lo, hi, p0 = ends(d)
    if '--grid' in sys.argv and len(d) <= 8:
        grid_check(d, lo, hi, 1000)
    print(name, [x / 10000 for x in d], 'low=%.10f high=%.10f p0=%s=%.6f' % (lo / 10000, hi / 10000, p0, float(p0)))
