#!/usr/bin/python3
"""Golden values of a tiny GRU for rnnlab's GruGoldenTest, computed with PyTorch's nn.GRU in float64.

Run with Debian's python3 and python3-torch (apt-get install -y python3-torch):
    /usr/bin/python3 core/src/test/resources/golden/make_gru_golden.py
It rewrites gru_golden.json next to this script. Case: nIn 3, hidden 4, batch 2, 5 steps, zero initial
state, parameters uniform in [-0.5, 0.5) and input uniform in [-1, 1) from torch.Generator seed 20241124.
Loss L = sum over batch, time and units of output * coeff (coeff fixed, uniform in [-1, 1)), so that
dL/d(output) = coeff; the file holds the outputs h_t of every step, L, and dL/d(every parameter) and
dL/d(input). Arrays are nested lists in PyTorch's layouts: weight_ih_l0 [3H, nIn], weight_hh_l0 [3H, H],
biases [3H] (gate blocks r, z, n), input/output/coeff batch-first [batch, T, features].
"""
import json
import os

import torch

N_IN, HIDDEN, BATCH, STEPS, SEED = 3, 4, 2, 5, 20241124


def main():
    gen = torch.Generator().manual_seed(SEED)
    gru = torch.nn.GRU(N_IN, HIDDEN, num_layers=1, batch_first=True).double()
    with torch.no_grad():
        for name in ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"):
            p = getattr(gru, name)
            p.copy_(torch.rand(p.shape, generator=gen, dtype=torch.float64) - 0.5)
    x = (torch.rand(BATCH, STEPS, N_IN, generator=gen, dtype=torch.float64) * 2 - 1).requires_grad_(True)
    coeff = torch.rand(BATCH, STEPS, HIDDEN, generator=gen, dtype=torch.float64) * 2 - 1
    out, _ = gru(x)
    loss = (out * coeff).sum()
    loss.backward()
    data = {
        "torch_version": torch.__version__,
        "seed": SEED,
        "nIn": N_IN, "hidden": HIDDEN, "batch": BATCH, "steps": STEPS,
        "input": x.detach().tolist(),
        "coeff": coeff.tolist(),
        "output": out.detach().tolist(),
        "loss": loss.item(),
        "grad_input": x.grad.tolist(),
    }
    for name in ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"):
        p = getattr(gru, name)
        data[name] = p.detach().tolist()
        data["grad_" + name] = p.grad.tolist()
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "gru_golden.json")
    with open(path, "w") as f:
        json.dump(data, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
