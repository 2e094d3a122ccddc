#!/usr/bin/env bash
# Two threads against one, every cell in one process per (hidden, threads), fresh processes alternated per round
# (docs/RESULTS.md, "Two threads"). Per round and hidden size: `bench --threads 1`, then `bench --threads 2`, each
# over all CELLS; at the end the median [range] of the per-round ratios per cell and hidden size.
# Environment: CELLS (default "rnn,lstm,gru,bilstm,bigru"), HIDDEN ("128 256"), ROUNDS (3), B128 (minibatches per timing
# at hidden <= 128, 20), B (above 128, 8). Needs python3. It runs ./rnnlab of the checkout it sits in.
set -euo pipefail
cd "$(dirname "$0")/.."
export RNNLAB_CDS=0
cells=${CELLS:-rnn,lstm,gru,bilstm,bigru}
out=$(mktemp); trap 'rm -f "$out"' EXIT
rates() { ./rnnlab bench --cells "$cells" --hidden "$1" --batches "$2" --threads "$3" --json 2>/dev/null | grep '^{' \
            | python3 -c 'import json,sys; print(" ".join(str(json.loads(l)["samples_per_s"]) for l in sys.stdin))'; }
for r in $(seq 1 "${ROUNDS:-3}"); do
  for H in ${HIDDEN:-128 256}; do
    b=${B128:-20}; [ "$H" -gt 128 ] && b=${B:-8}
    for t in 1 2; do
      line="$r $H $t $(cut -d' ' -f1 /proc/loadavg) $(rates "$H" "$b" "$t")"
      echo "round $line" >&2
      echo "$line" >> "$out"
    done
  done
done
python3 - "$out" "$cells" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
cells = sys.argv[2].split(",")
print("cell  hidden  one thread (samples/s)  two threads  two / one: median [range]")
for h in sorted({r[1] for r in rows}, key=int):
    for i, c in enumerate(cells):
        one = [float(r[4 + i]) for r in rows if r[1] == h and r[2] == "1"]
        two = [float(r[4 + i]) for r in rows if r[1] == h and r[2] == "2"]
        ratios = [b / a for a, b in zip(one, two)]
        print(f"{c:6s} {h:>5s}  {min(one):.0f}-{max(one):.0f}  {min(two):.0f}-{max(two):.0f}  "
              f"{statistics.median(ratios):.2f} [{min(ratios):.2f}-{max(ratios):.2f}]")
loads = [float(r[3]) for r in rows]
print(f"1-minute load before each process: {min(loads):.2f}-{max(loads):.2f}")
PY
