import os
import tempfile
import weakref

import torch
import torch.distributed as dist

# Imported before any process group exists. DDP would import it later, and its functions
# would then hold the default group as a default argument, so destroying the group could
# not free it (see the end of worker).
import torch.distributed.nn  # noqa: F401
import torch.multiprocessing as mp
from torch import nn
from torch.nn.parallel import DistributedDataParallel

# One batch of 4 examples, split between 2 processes; same data in the TensorFlow file.
world_size = 2
inputs = torch.arange(8, dtype=torch.float32).reshape(4, 2) / 8
targets = torch.tensor([[1.0], [0.0], [1.0], [0.0]])


def make_model():
    model = nn.Linear(2, 1)
    nn.init.constant_(model.weight, 0.5)
    nn.init.zeros_(model.bias)
    return model


def distance(a, b):
    return max(abs(x - y) for x, y in zip(a, b, strict=True))


def worker(rank, store, results):
    # gloo runs on CPUs; with GPUs, use backend="nccl" and one device per process.
    dist.init_process_group(
        "gloo", init_method=f"file://{store}", rank=rank, world_size=world_size
    )
    model = DistributedDataParallel(make_model())
    half = slice(2 * rank, 2 * rank + 2)
    local_loss = nn.functional.mse_loss(model(inputs[half]), targets[half])
    # DDP all-reduces the gradients during backward(): every process ends with the
    # average.
    local_loss.backward()
    results.put((rank, model.module.weight.grad.flatten().tolist()))
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


# Spawned processes re-import this file, so the launch sits under the __main__ guard.
if __name__ == "__main__":
    context = mp.get_context("spawn")
    results = context.SimpleQueue()
    store = os.path.join(tempfile.mkdtemp(), "store")
    mp.spawn(worker, args=(store, results), nprocs=world_size)
    grads = dict(results.get() for _ in range(world_size))
    print(f"gradient in each process after backward: {grads}")

    # The same model on the whole batch in one process, for reference.
    model = make_model()
    nn.functional.mse_loss(model(inputs), targets).backward()
    grad = model.weight.grad.flatten().tolist()
    print(f"whole-batch gradient: {grad}")

    # Without DDP, each half's own gradient, and their sum, for comparison.
    own = []
    for rank in range(world_size):
        model, half = make_model(), slice(2 * rank, 2 * rank + 2)
        nn.functional.mse_loss(model(inputs[half]), targets[half]).backward()
        own.append(model.weight.grad.flatten().tolist())
    print(f"without DDP, each half's own gradient: {own}")

    # Every process holds the whole-batch gradient (the average of the halves), which
    # is neither a half's own gradient nor the halves' sum.
    summed = [a + b for a, b in zip(*own, strict=True)]
    assert all(distance(g, grad) < 1e-6 for g in grads.values())  # proof: ddp-average
    assert min(distance(g, grad) for g in [*own, summed]) > 1e-3  # proof: not-own-sum
