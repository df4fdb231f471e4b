import os
import socket
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
from torch.utils.data import DataLoader, DistributedSampler, TensorDataset

# Two CPU processes (gloo), so the file runs the same with or without a GPU. The same
# seeded data and weights in both files: every row below is compared with the TensorFlow
# file.
rng = np.random.default_rng(0)
features = rng.standard_normal((8, 3)).astype(np.float32)
targets = rng.standard_normal((8, 1)).astype(np.float32)
# The kernel, as Keras stores it: (in, out).
kernel = rng.standard_normal((3, 1)).astype(np.float32)
world = 2


def worker(rank, port, folder):
    # world_size: the number of processes (PyTorch) or replicas (TensorFlow).
    dist.init_process_group(
        "gloo", init_method=f"tcp://127.0.0.1:{port}", rank=rank, world_size=world
    )
    found = {"world_size": dist.get_world_size()}

    # rank: this process's index (PyTorch) or this replica's (TensorFlow).
    found["rank"] = dist.get_rank()

    # all_reduce: PyTorch sums in place, across processes; TensorFlow returns the sum.
    t = torch.tensor([1.0, 2.0]) * (rank + 1)
    dist.all_reduce(t)  # SUM by default.
    found["all_reduce"] = t

    # all_reduce_mean: the average across processes or replicas.
    t = torch.tensor([1.0, 2.0]) * (rank + 1)
    dist.all_reduce(t, op=dist.ReduceOp.AVG)
    found["all_reduce_mean"] = t

    # global_batch: DistributedSampler deals samples round-robin (rank r gets r, r + 2,
    # ...); TensorFlow cuts each global batch into consecutive slices, one per replica.
    ds = TensorDataset(torch.from_numpy(features), torch.arange(8))
    sampler = DistributedSampler(ds, num_replicas=world, rank=rank, shuffle=False)
    _, first_ids = next(iter(DataLoader(ds, batch_size=2, sampler=sampler)))
    found["first_ids"] = first_ids

    # ddp_step: each process computes the mean loss of its own samples; DDP averages the
    # gradients, so one step matches one step on the whole batch.
    model = nn.Linear(3, 1)
    with torch.no_grad():
        model.weight.copy_(torch.from_numpy(kernel.T))
        model.bias.zero_()
    ddp = DistributedDataParallel(model)
    optimizer = torch.optim.SGD(ddp.parameters(), lr=0.1)
    part = slice(rank * 4, (rank + 1) * 4)
    loss = nn.functional.mse_loss(
        ddp(torch.from_numpy(features[part])), torch.from_numpy(targets[part])
    )
    loss.backward()
    optimizer.step()
    found["ddp_step"] = model.weight.detach().T
    torch.save(found, os.path.join(folder, f"rank{rank}.pt"))
    # Rank 0 hosts the rendezvous store: no process leaves before all are done with it.
    dist.barrier()
    # DDP holds the group: drop it, so that destroying the group frees it, which joins
    # gloo's worker threads. In torch 2.15 a thread that still holds backward()'s
    # all-reduce when Python shuts down can abort the process (SIGABRT).
    group = weakref.ref(dist.group.WORLD)
    del ddp
    dist.destroy_process_group()
    assert group() is None, "the process group outlived destroy_process_group()"


# spawn starts fresh interpreters that import this file: the guard keeps them from
# spawning again.
if __name__ == "__main__":
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    folder = tempfile.mkdtemp()
    mp.spawn(worker, args=(port, folder), nprocs=world)
    ranks = [torch.load(os.path.join(folder, f"rank{r}.pt")) for r in range(world)]

    world_size = ranks[0]["world_size"]
    print(f"world_size: {world_size}")
    rank = [found["rank"] for found in ranks]
    print(f"rank: {rank}")
    all_reduce = ranks[0]["all_reduce"]
    print(f"all_reduce: {all_reduce.tolist()}")
    all_reduce_mean = ranks[0]["all_reduce_mean"]
    print(f"all_reduce_mean: {all_reduce_mean.tolist()}")
    assert ranks[0]["first_ids"].tolist() == [0, 2] and ranks[1][
        "first_ids"
    ].tolist() == [1, 3]
    global_batch = sorted(i for found in ranks for i in found["first_ids"].tolist())
    slices = [found["first_ids"].tolist() for found in ranks]
    print(f"global_batch: rank 0 {slices[0]}, rank 1 {slices[1]}")
    ddp_step = ranks[0]["ddp_step"]
    assert torch.equal(ddp_step, ranks[1]["ddp_step"])
    print(f"ddp_step: {ddp_step.flatten().tolist()}")
