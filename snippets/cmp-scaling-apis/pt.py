import importlib

import torch.distributed as dist

# What this build of PyTorch ships for training on many devices and machines.
# torchrun starts one process per device; these wrap the model in each process.
approaches = {
    "data parallel": "torch.nn.parallel.DistributedDataParallel",
    "sharded data parallel": "torch.distributed.fsdp.fully_shard",
    "tensor parallel": "torch.distributed.tensor.parallel.parallelize_module",
    "pipeline parallel": "torch.distributed.pipelining.pipeline",
}
for approach, path in approaches.items():
    module, name = path.rsplit(".", 1)
    assert hasattr(importlib.import_module(module), name)
    print(f"{approach}: {path}")

# The default, outside any process group, is a single process.
replicas = dist.get_world_size() if dist.is_initialized() else 1
print(f"processes outside a process group: {replicas}")
assert dist.is_available() and replicas == 1
