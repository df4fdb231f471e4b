import numpy as np
import torch
from torch.utils.data import (
    DataLoader,
    DistributedSampler,
    IterableDataset,
    TensorDataset,
    random_split,
)

torch.manual_seed(0)
# The same seeded data in both files: ten samples of two features and a label each.
rng = np.random.default_rng(0)
features = rng.standard_normal((10, 2)).astype(np.float32)
labels = np.arange(10)

# dataset_first: one sample per index from in-memory arrays.
ds = TensorDataset(torch.from_numpy(features), torch.from_numpy(labels))
first = ds[0]
dataset_first = [first[0], first[1]]
size = len(ds)
print(f"dataset_first: {size} samples, first label {first[1].item()}")

# batch: batches of 4; the last, smaller batch is kept by default in both.
batch = [len(y) for _, y in DataLoader(ds, batch_size=4)]
print(f"batch: sizes {batch}")

# drop_last: drop the smaller last batch.
drop_last = [len(y) for _, y in DataLoader(ds, batch_size=4, drop_last=True)]
print(f"drop_last: sizes {drop_last}")

# shuffle: a new order every epoch in both; tf.data shuffles within a buffer, which must
# hold the whole ds for a full shuffle.
order = torch.cat([y for _, y in DataLoader(ds, batch_size=4, shuffle=True)])
shuffle = sorted(order.tolist())
assert order.tolist() != labels.tolist()
print(f"shuffle: one epoch's order {order.tolist()}")


# transform: PyTorch transforms in __getitem__ (or a collate_fn); tf.data maps a
# function.
class Doubled(torch.utils.data.Dataset):
    def __len__(self):
        return len(features)

    def __getitem__(self, index):
        return torch.from_numpy(features[index]) * 2, labels[index]


transform = torch.cat([x for x, _ in DataLoader(Doubled(), batch_size=4)])
print(f"transform: {tuple(transform.shape)}")

# workers: batches loaded in parallel still arrive in order. PyTorch's worker processes
# need the __main__ guard where they are spawned; tf.data works inside the process.
if __name__ == "__main__":
    loader = DataLoader(ds, batch_size=4, num_workers=2)
    workers = torch.cat([y for _, y in loader])
    print(f"workers: labels in order {workers.tolist()}")


# generator: samples produced by Python code.
class Squares(IterableDataset):
    def __iter__(self):
        for i in range(5):
            yield torch.tensor([i * i])


generator = torch.cat([x for x in DataLoader(Squares(), batch_size=2)])
print(f"generator: {generator.tolist()}")


# padded_batch: sequences of different lengths, padded to the longest in each batch.
def pad(items):
    return torch.nn.utils.rnn.pad_sequence(items, batch_first=True)


sequences = [torch.arange(1, n + 1) for n in (2, 4, 1, 3)]
padded_batch = [b.tolist() for b in DataLoader(sequences, batch_size=2, collate_fn=pad)]
print(f"padded_batch: {padded_batch}")

# split_dataset: random_split is always random; keras.utils.split_dataset keeps the
# order unless shuffle=True.
train_part, test_part = random_split(ds, [8, 2])
split_dataset = [len(train_part), len(test_part)]
assert train_part.indices != list(range(8))  # Always shuffled.
print(f"split_dataset: sizes {split_dataset}")

# shard: each of 2 processes reads every second sample (without shuffling).
assert DistributedSampler(ds, num_replicas=2, rank=0).shuffle  # The default.
sampler = DistributedSampler(ds, num_replicas=2, rank=0, shuffle=False)
shard = [labels[i].item() for i in sampler]
assert [labels[i].item() for i in DistributedSampler(ds, 2, 0)] != shard  # Shuffled.
print(f"shard: rank 0 reads {shard}")

# repeat: PyTorch loops over epochs; tf.data can repeat the ds.
loader = DataLoader(ds, batch_size=5)
repeat = []
for _ in range(2):
    for _, y in loader:
        repeat.append(y.tolist())
print(f"repeat: {len(repeat)} batches")
