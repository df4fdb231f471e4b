import os
import subprocess
import sys
import weakref

import numpy as np
import torch
import torch.distributed as dist

# Imported before any process group exists. DDP would import it later, and its functions
# would then hold the default group as a default argument, so destroying the group could
# not free it (see the worker's last lines).
import torch.distributed.nn  # noqa: F401
from torch import nn
from torch.nn.parallel import DistributedDataParallel

# The same seeded data and starting weights in both files: 64 samples, a linear model.
rng = np.random.default_rng(0)
x = rng.normal(size=(64, 4)).astype("float32")
y = (x @ rng.normal(size=(4, 1)) + 0.1 * rng.normal(size=(64, 1))).astype("float32")
start_kernel = rng.normal(size=(4, 1)).astype("float32")
steps, learning_rate, world_size = 20, 0.1, 2

# gloo binds to the address the machine's hostname resolves to, falling back to loopback
# with a warning when it resolves to none. On one machine, name the loopback interface.
LOOPBACK = {"linux": "lo", "darwin": "lo0"}
if sys.platform in LOOPBACK:
    os.environ.setdefault("GLOO_SOCKET_IFNAME", LOOPBACK[sys.platform])


def new_model():
    model = nn.Linear(4, 1)
    with torch.no_grad():
        model.weight.copy_(torch.from_numpy(start_kernel.T))
        model.bias.zero_()
    return model


def train(model, x, y):
    optimizer = torch.optim.SGD(model.parameters(), lr=learning_rate)
    for _ in range(steps):
        loss = nn.functional.mse_loss(model(torch.from_numpy(x)), torch.from_numpy(y))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()


if "RANK" in os.environ:
    # A worker. torchrun set RANK, WORLD_SIZE, MASTER_ADDR and MASTER_PORT, which
    # init_process_group reads (init_method="env://" is the default), and LOCAL_RANK,
    # the worker's number on its own machine: the GPU index where there are GPUs.
    names = {"RANK", "LOCAL_RANK", "WORLD_SIZE", "MASTER_ADDR", "MASTER_PORT"}
    # On one machine the local rank is the global rank; on a second, it restarts at 0.
    # proof: torchrun-environment
    assert names <= os.environ.keys() and os.environ["LOCAL_RANK"] == os.environ["RANK"]
    dist.init_process_group("gloo")
    rank = dist.get_rank()
    shard = slice(rank * 32, (rank + 1) * 32)
    model = DistributedDataParallel(new_model())
    train(model, x[shard], y[shard])
    # Rank 0 saves the weights in the working directory, which torchrun keeps.
    if rank == 0:
        torch.save(model.module.state_dict(), "weights.pt")
    # Wait for every process before tearing down, so none exits while another still
    # talks to it.
    dist.barrier()
    # DDP holds the group: drop it, so that destroying the group frees it, which joins
    # gloo's worker threads. In torch 2.15 a thread that still holds backward()'s
    # all-reduce when Python shuts down can abort the process (SIGABRT).
    group = weakref.ref(dist.group.WORLD)
    del model
    dist.destroy_process_group()
    assert group() is None, "the process group outlived destroy_process_group()"
else:
    # The launcher: torchrun starts this same file once per worker and waits for them.
    # --standalone runs the rendezvous on this machine, on a free port.
    launch = [
        "-m",
        "torch.distributed.run",
        "--standalone",
        f"--nproc-per-node={world_size}",
    ]
    # The same command as typing torchrun --standalone --nproc-per-node=2 pt.py.
    subprocess.run([sys.executable, *launch, __file__], check=True)
    state = torch.load("weights.pt")
    kernel, bias = state["weight"].T, state["bias"]

    # The same training in one process, on all 64 samples at once.
    single = new_model()
    train(single, x, y)
    difference = max(
        (kernel - single.weight.T).abs().max(), (bias - single.bias).abs().max()
    )
    print(
        f"kernel after {steps} steps on {world_size} workers: "
        f"{kernel.flatten().numpy()}"
    )
    print(f"largest difference from one process: {difference.item():.2e}")
    assert difference < 1e-6  # proof: workers-match-one-process
