#!/usr/bin/python3
"""rnnlab's PyTorch peer: train recurrent sequence classifiers on the CPU and print their throughput.

It does the work `./rnnlab bench` does, so the two can be compared (`./rnnlab bench --vs-peer` runs this
script alternately with fresh JVMs): random float32 input [batch, steps, features] and labels, a recurrent
stack (rnn, lstm, gru, or bi* for bidirectional) whose last time step feeds one Linear layer to the
classes, softmax cross-entropy, Adam with learning rate 1e-3. After --warmup updates, --repeats times
--batches updates are timed; the median rate is reported. Output: one JSON line per cell with the keys
peer, cell, threads, batch, steps, features, hidden, layers, classes, samples_per_s, runs, gflop_per_s, blas (the
BLAS libraries the process loaded) and, where PyTorch runs on Debian's reference BLAS, warning.

Needs PyTorch (Debian: apt-get install -y python3-torch libopenblas0-pthread). OpenBLAS is kept at one
thread, so that its threads do not nest inside torch's (--threads) on a small machine.
"""
import argparse
import json
import os
import statistics
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

# pre-activation blocks per step of each cell (the width of its gate matrix products, in hidden units)
BLOCKS = {"rnn": 1, "lstm": 4, "gru": 3}


def parse_cell(name):
    """'bilstm' -> ('lstm', True); 'gru' -> ('gru', False)."""
    bidirectional = name.startswith("bi")
    kind = name[2:] if bidirectional else name
    if kind not in BLOCKS:
        raise SystemExit(f"unknown cell {name!r}: expected one of rnn, lstm, gru, optionally prefixed with bi")
    return kind, bidirectional


def gemm_flops_per_sample(name, shape):
    """Multiply-add FLOPs of the recurrent matrix products per training sample (forward, x3 for the backward pass)."""
    kind, bidirectional = parse_cell(name)
    directions = 2 if bidirectional else 1
    total = 0
    inputs = shape.features
    for _ in range(shape.layers):
        total += 2 * (inputs + shape.hidden) * BLOCKS[kind] * shape.hidden * shape.steps * directions
        inputs = shape.hidden * directions
    return 3 * total


def blas_libraries(torch):
    """The BLAS libraries this process has loaded (real paths from /proc/self/maps, after a product), [] where unknown."""
    torch.ones(8, 8) @ torch.ones(8, 8)
    try:
        with open("/proc/self/maps") as maps:
            return sorted({line.split()[-1] for line in maps
                           if line.rstrip().endswith(".so") or ".so." in line.rsplit("/", 1)[-1]
                           if "blas" in line.rsplit("/", 1)[-1].lower()})
    except OSError:
        return []


def blas_warning(libraries):
    """A warning when the only BLAS is Debian's reference one (libblas3): PyTorch then runs several times slower."""
    reference = [p for p in libraries if "/blas/libblas" in p]
    if reference and len(reference) == len(libraries):
        return ("PyTorch runs on the reference BLAS " + reference[0] + " (Debian's libblas3), several times slower than "
                "on OpenBLAS: apt-get install -y libopenblas0-pthread before comparing")
    return None


def build(torch, name, shape):
    nn = torch.nn
    kind, bidirectional = parse_cell(name)
    layer = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}[kind]

    class LastStepClassifier(nn.Module):
        def __init__(self):
            super().__init__()
            self.recurrent = layer(shape.features, shape.hidden, num_layers=shape.layers, batch_first=True,
                                   bidirectional=bidirectional)
            self.head = nn.Linear(shape.hidden * (2 if bidirectional else 1), shape.classes)

        def forward(self, x):
            outputs, _ = self.recurrent(x)
            return self.head(outputs[:, -1, :])

    return LastStepClassifier()


def measure(torch, name, shape):
    torch.manual_seed(42)
    model = build(torch, name, shape)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss = torch.nn.CrossEntropyLoss()
    batches = [(torch.randn(shape.batch, shape.steps, shape.features),
                torch.randint(0, shape.classes, (shape.batch,))) for _ in range(8)]

    def update(i):
        x, y = batches[i % len(batches)]
        optimizer.zero_grad(set_to_none=True)
        value = loss(model(x), y)
        value.backward()
        optimizer.step()

    for i in range(shape.warmup):
        update(i)
    rates = []
    for _ in range(shape.repeats):
        start = time.perf_counter()
        for i in range(shape.batches):
            update(i)
        rates.append(shape.batches * shape.batch / (time.perf_counter() - start))
    median = statistics.median(rates)
    return {
        "peer": "pytorch-" + torch.__version__, "cell": name, "threads": torch.get_num_threads(),
        "batch": shape.batch, "steps": shape.steps, "features": shape.features, "hidden": shape.hidden,
        "layers": shape.layers, "classes": shape.classes,
        "samples_per_s": round(median, 1), "runs": [round(r, 1) for r in rates],
        "gflop_per_s": round(median * gemm_flops_per_sample(name, shape) / 1e9, 2),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cells", default="rnn,lstm,gru,bilstm", help="comma-separated cells (default: %(default)s)")
    for option, default in [("batch", 64), ("steps", 128), ("features", 9), ("hidden", 64), ("layers", 1),
                            ("classes", 6), ("batches", 20), ("warmup", 3), ("repeats", 3), ("threads", 1)]:
        parser.add_argument("--" + option, type=int, default=default, help="(default: %(default)s)")
    shape = parser.parse_args()
    cells = [c.strip() for c in shape.cells.split(",") if c.strip()]
    for cell in cells:
        parse_cell(cell)  # refuse an unknown cell before spending time on the others
    import torch  # after parsing, so that --help works without PyTorch
    torch.set_num_threads(shape.threads)
    libraries = blas_libraries(torch)
    warning = blas_warning(libraries)
    if warning:
        print("warning: " + warning, file=sys.stderr, flush=True)
    for cell in cells:
        result = measure(torch, cell, shape)
        result["blas"] = libraries
        if warning:
            result["warning"] = warning
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
