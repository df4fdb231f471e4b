import time

import torch
from torch.utils.data import DataLoader, Dataset

from mnist_data import load_mnist

torch.manual_seed(0)


class ShiftedMnist(Dataset):
    """Scale the pixels once; shift each image by up to 2 pixels on every read."""

    def __init__(self, images, labels):
        self.images = torch.tensor(images, dtype=torch.float32) / 255.0
        self.labels = torch.tensor(labels)

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, index):
        # The global generator's state carries over, so every epoch gets new shifts;
        # workers get a new base seed for each epoch's iterator.
        shift = torch.randint(-2, 3, (2,)).tolist()
        return torch.roll(self.images[index], shifts=shift, dims=(0, 1)), self.labels[
            index
        ]


# Where workers start by "spawn" (macOS, Windows) or "forkserver" (Linux from Python
# 3.14), each one runs this file again before it starts: the guard keeps it from
# building loaders and starting workers of its own. With "fork" the guard changes
# nothing.
if __name__ == "__main__":
    images, labels = load_mnist("train", n=9800)
    dataset = ShiftedMnist(images, labels)

    # num_workers > 0 reads samples in worker processes while the main process
    # consumes batches.
    loaders = {
        "sequential": DataLoader(dataset, batch_size=64, shuffle=True),
        "parallel": DataLoader(dataset, batch_size=64, shuffle=True, num_workers=2),
    }
    # proof: start-method
    print(f"worker start method: {torch.multiprocessing.get_start_method()}")
    # Batches each worker prepares ahead.
    assert loaders["parallel"].prefetch_factor == 2  # proof: prefetch-factor

    throughput = {
        "pipeline": list(loaders),
        "epoch 1 (images/s)": [],
        "epoch 2 (images/s)": [],
    }
    for name, loader in loaders.items():
        for epoch in (1, 2):
            start = time.perf_counter()
            seen = sum(len(batch_labels) for _, batch_labels in loader)
            rate = seen / (time.perf_counter() - start)
            throughput[f"epoch {epoch} (images/s)"].append(round(rate))
            print(f"{name}, epoch {epoch}: {rate:,.0f} images/s")  # proof: rates
            assert seen == len(dataset)
