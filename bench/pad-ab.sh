#!/usr/bin/env bash
# The padded products' effect on training (StepProduct.paddedWidth, docs/PERFORMANCE.md): bench/PadAB.java in one JVM
# per shape, blocks of updates alternating padded and -Drnnlab.padRows=off. Builds the jars first (./rnnlab).
# Environment: SHAPES (default "lstm:128:1 lstm:256:1 lstm:128:2 lstm:256:2 gru:512:1 lstm:512:1"), BLOCKS (8).
set -euo pipefail
cd "$(dirname "$0")/.."
./rnnlab --version >/dev/null
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cp="$(ls evaluation/target/lib/*.jar | tr '\n' ':')"
javac -nowarn -d "$tmp" -cp "$cp" bench/PadAB.java
for s in ${SHAPES:-lstm:128:1 lstm:256:1 lstm:128:2 lstm:256:2 gru:512:1 lstm:512:1}; do
  IFS=: read -r cell h t <<< "$s"
  case $h in 512) n=1 ;; 256) n=3 ;; *) n=6 ;; esac
  OMP_NUM_THREADS=1 OMP_WAIT_POLICY=passive java -cp "$tmp:$cp" org.rnnlab.core.layers.PadAB "$cell" "$h" "$t" "$n" "${BLOCKS:-8}" 2>&1 \
    | grep -v " WARN \| INFO " | tail -1 | sed "s/\$/  (load $(cut -d' ' -f1 /proc/loadavg))/"
done
