#!/usr/bin/env bash
# The throughput tables of docs/RESULTS.md (rnnlab against PyTorch and DJL/libtorch 2.7.1): every row's command, one after
# another (about 35 minutes on 2 cores). PYTHON names the PyTorch peer's interpreter (default /usr/bin/python3, Debian's
# python3-torch 1.13; the tables use PyTorch 2.13 in a virtual environment: PYTHON=ENV/bin/python). Needs the
# djl-peer module built once (docs/RESULTS.md, "Rounds, and a second peer"). Pipe the output into bench/peer-table-md.py for the rows:
#   PYTHON=ENV/bin/python bench/peer-table.sh | tee table.txt; python3 bench/peer-table-md.py table.txt
set -uo pipefail
cd "$(dirname "$0")/.."
P="--vs-peer --peer both --python ${PYTHON:-/usr/bin/python3}"
run() { echo "### $*"; uptime; ./rnnlab bench $P "$@" 2>&1 | grep -v " INFO \| WARN \|^\s*$"; }
run --rounds 3 --cells lstm,gru,rnn,bilstm,bigru
run --rounds 3 --hidden 256 --cells lstm,gru --batches 10
run --rounds 2 --hidden 512 --cells lstm,gru --batches 4 --warmup 2
run --rounds 3 --layers 2 --cells lstm,gru,bilstm --batches 10
run --rounds 3 --layers 3 --cells lstm --batches 10
run --rounds 3 --steps 512 --cells lstm,gru --batches 5
run --rounds 3 --batch 256 --cells lstm,gru --batches 5
uptime
