import os
import socket
import sys
import tempfile
import weakref

import numpy as np
import torch
import torch.distributed as dist

# Imported before any process group exists. DDP would import it later, and its functions
# would then hold the default group as a default argument, so destroying the group could
# not free it (see the end of worker).
import torch.distributed.nn  # noqa: F401
import torch.multiprocessing as mp
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


def new_model(batch_norm=False):
    model = nn.Linear(4, 1)
    with torch.no_grad():
        model.weight.copy_(torch.from_numpy(start_kernel.T))
        model.bias.zero_()
    # BatchNorm normalizes each feature with the mean and variance of the batch it sees.
    return nn.Sequential(nn.BatchNorm1d(4), model) if batch_norm else model


def train(model, x, y):
    optimizer = torch.optim.SGD(model.parameters(), lr=learning_rate)
    for _ in range(steps):
        loss = nn.functional.mse_loss(model(torch.from_numpy(x)), torch.from_numpy(y))
        optimizer.zero_grad()
        # Under DDP, backward() also averages the gradients of all processes.
        loss.backward()
        optimizer.step()


def gradients(model, x, y):
    model.zero_grad()
    nn.functional.mse_loss(model(torch.from_numpy(x)), torch.from_numpy(y)).backward()
    return [weight.grad.clone() for weight in model.parameters()]


def largest_difference(grads, others):
    return max((a - b).abs().max().item() for a, b in zip(grads, others))


def worker(rank, port, path):
    # Each process joins the group; gloo runs on CPUs (nccl is the backend for one
    # GPU each).
    dist.init_process_group(
        "gloo", init_method=f"tcp://127.0.0.1:{port}", rank=rank, world_size=world_size
    )
    # Each process sees its own half of the data.
    shard = slice(rank * 32, (rank + 1) * 32)
    model = DistributedDataParallel(new_model())
    # backward() has averaged the gradients across the processes: each one now holds the
    # gradient of the mean loss over all 64 samples, not over its own 32.
    full = gradients(new_model(), x, y)
    gap = largest_difference(gradients(model, x[shard], y[shard]), full)
    # Without DDP, each process would keep the gradient of its own half.
    own_gap = largest_difference(gradients(new_model(), x[shard], y[shard]), full)
    # A BatchNorm layer breaks this: each process normalizes its 32 samples with their
    # own statistics, so the averaged gradient is not the full batch's.
    bn_model = DistributedDataParallel(new_model(batch_norm=True))
    bn_full = gradients(new_model(batch_norm=True), x, y)
    bn_gap = largest_difference(gradients(bn_model, x[shard], y[shard]), bn_full)
    # SyncBatchNorm shares the statistics across processes, but refuses CPU tensors.
    sync_model = nn.SyncBatchNorm.convert_sync_batchnorm(new_model(batch_norm=True))
    try:
        sync_model(torch.from_numpy(x[shard]))
        sync_error = None
    except ValueError as error:
        sync_error = str(error)
    if rank == 0:
        print(f"gradient, largest difference from the full batch's: {gap:.2e}")
        print(f"own half's gradient, largest difference: {own_gap:.2e}")
        print(f"with BatchNorm, largest difference: {bn_gap:.2e}")
        print(f"SyncBatchNorm on CPU: ValueError: {sync_error}")
    assert gap < 1e-5 < own_gap  # proof: ddp-gradient-is-full-batch
    assert bn_gap > 1e-2  # proof: batch-norm-differs
    # proof: sync-batch-norm-needs-gpu
    assert sync_error.startswith("SyncBatchNorm expected input tensor to be on GPU")
    train(model, x[shard], y[shard])
    if rank == 0:
        torch.save(model.module.state_dict(), path)
    # Rank 0 hosts the rendezvous store: no process leaves before all are done with it.
    dist.barrier()
    # DDP holds the group: drop it, so that destroying the group frees it, which joins
    # gloo's worker threads. In torch 2.15 a thread that still holds backward()'s
    # all-reduce when Python shuts down can abort the process (SIGABRT).
    group = weakref.ref(dist.group.WORLD)
    del model, bn_model
    dist.destroy_process_group()
    # proof: process-group-freed
    assert group() is None, "the process group outlived destroy_process_group()"


# spawn starts fresh interpreters that import this file: the guard keeps them from
# spawning again.
if __name__ == "__main__":
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    path = os.path.join(
        tempfile.mkdtemp(), "ddp_weights.pt"
    )  # Where rank 0 saves its weights.
    mp.spawn(worker, args=(port, path), nprocs=world_size)
    state = torch.load(path)
    kernel, bias = state["weight"].T, state["bias"]

    # The same training in one process, on all 64 samples at once.
    single = new_model()
    train(single, x, y)
    difference = max(
        (kernel - single.weight.T).abs().max(), (bias - single.bias).abs().max()
    )
    print(
        f"kernel after {steps} steps on {world_size} processes: "
        f"{kernel.flatten().numpy()}"
    )
    print(f"largest difference from one process: {difference.item():.2e}")
    # Training on one half alone ends elsewhere: the averaging is what makes them agree.
    half = new_model()
    train(half, x[:32], y[:32])
    half_difference = (half.weight - single.weight).abs().max().item()
    print(f"trained on one half alone, largest difference: {half_difference:.2e}")
    assert difference < 1e-6 < 1e-2 < half_difference  # proof: ddp-matches-one-process
