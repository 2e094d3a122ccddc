#!/usr/bin/env bash
# Two threads against what the machine gives two independent processes, per cell and hidden size
# (docs/RESULTS.md, "Two threads"). Each round, per shape: one 1-thread training process alone; two 1-thread
# processes at once; one process with --threads 2. Prints each ratio to the process alone.
# Environment: CELLS (default "lstm gru"), HIDDEN ("128 256"), ROUNDS (3), B (minibatches per timing, 10).
# Needs python3. Run from anywhere; it runs ./rnnlab of the checkout it sits in.
set -euo pipefail
cd "$(dirname "$0")/.."
export RNNLAB_CDS=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
one() { ./rnnlab bench --cells "$C" --hidden "$H" --batches "${B:-10}" --json "$@" 2>/dev/null | grep '^{' \
          | python3 -c 'import json,sys; print(json.loads(sys.stdin.readline())["samples_per_s"])'; }
for r in $(seq 1 "${ROUNDS:-3}"); do
  for C in ${CELLS:-lstm gru}; do
    for H in ${HIDDEN:-128 256}; do
      a=$(one)
      one > "$tmp/1" & one > "$tmp/2"; wait
      p1=$(cat "$tmp/1"); p2=$(cat "$tmp/2")
      t=$(one --threads 2)
      python3 -c "a,p1,p2,t=$a,$p1,$p2,$t; print(f'round $r $C H$H load $(cut -d' ' -f1 /proc/loadavg): alone {a:.0f}, two at once {p1:.0f}+{p2:.0f} = {(p1+p2)/a:.2f}x, --threads 2 {t:.0f} = {t/a:.2f}x, split/ceiling {t/(p1+p2):.2f}')"
    done
  done
done
