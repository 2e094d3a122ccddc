#!/usr/bin/env bash
# rnnlab against the PyTorch peer, one cell, the order of the two fresh processes swapped every round (rnnlab first in
# odd rounds, PyTorch first in even ones), so that neither side always meets the machine right after the other:
#   ROUNDS=6 CELL=lstm PYTHON=ENV/bin/python bench/vs-alternate.sh [bench options, e.g. --hidden 128]
# prints per round: rnnlab and PyTorch samples/s, their ratio and the 1-minute load; then the median ratio and range.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
rounds="${ROUNDS:-6}" cell="${CELL:-lstm}" python="${PYTHON:-python3}"
ratios=()
for r in $(seq 1 "$rounds"); do
  run_rnnlab() { "$here/rnnlab" bench --json --cells "$cell" "$@" 2>/dev/null | grep -o '"samples_per_s":[0-9.]*' | cut -d: -f2; }
  run_peer() { OMP_NUM_THREADS=1 "$python" "$here/bench/peer_pytorch.py" --cells "$cell" "$@" 2>/dev/null \
      | grep -o '"samples_per_s": [0-9.]*' | cut -d' ' -f2; }
  if [ $((r % 2)) -eq 1 ]; then a=$(run_rnnlab "$@"); b=$(run_peer "$@"); else b=$(run_peer "$@"); a=$(run_rnnlab "$@"); fi
  ratio=$(python3 -c "print(round($a / $b, 3))")
  ratios+=("$ratio")
  echo "round $r $cell rnnlab $a pytorch $b ratio $ratio load $(cut -d' ' -f1 /proc/loadavg)"
done
python3 -c "
import statistics, sys
r = [float(x) for x in sys.argv[1:]]
print('median ratio %.2f [%.2f-%.2f] over %d rounds' % (statistics.median(r), min(r), max(r), len(r)))" "${ratios[@]}"
