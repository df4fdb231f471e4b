import torch
from torch.utils.data import DataLoader, Dataset

from mnist_data import load_mnist

torch.manual_seed(0)


class MnistDataset(Dataset):
    """Serve one (image, label, index) sample at a time; the DataLoader batches them."""

    def __init__(self, images, labels):
        self.images, self.labels = images, labels

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, index):
        image = torch.tensor(self.images[index], dtype=torch.float32) / 255.0
        return image, int(self.labels[index]), index


images, labels = load_mnist("train", n=1000)
dataset = MnistDataset(images, labels)

# Without shuffling, batches follow the dataset's order.
loader = DataLoader(dataset, batch_size=32, shuffle=False)
first_images, first_labels, first_indices = next(iter(loader))
print(
    f"batches per epoch: {len(loader)}, first batch shape: {tuple(first_images.shape)}"
)
print(f"first batch labels: {first_labels[:10].tolist()} ...")
assert first_indices.tolist() == list(range(32))  # proof: in-order

# The agreement box compares first_images pixel by pixel, with no tolerance; the
# nearest wrong batch, samples 1 to 32, differs from it by far more than that.
shifted = torch.stack([dataset[i][0] for i in range(1, 33)])
shift_change = (shifted - first_images).abs().max().item()
print(f"largest pixel change if the batch is one sample off: {shift_change}")
assert shift_change > 0.5  # proof: one-off-differs

# shuffle=True draws a new order every epoch; a seeded generator makes the orders
# repeatable.
loader = DataLoader(
    dataset, batch_size=32, shuffle=True, generator=torch.Generator().manual_seed(0)
)
epochs = [torch.cat([indices for _, _, indices in loader]).tolist() for _ in range(2)]
# proof: orders-printed
print(f"shuffled, epoch 1 starts with: {epochs[0][:8]}, epoch 2 with: {epochs[1][:8]}")
# proof: new-permutation
assert epochs[0] != epochs[1] and sorted(epochs[0]) == sorted(epochs[1]) == list(
    range(1000)
)

# The same seed again gives the same orders.
loader = DataLoader(
    dataset, batch_size=32, shuffle=True, generator=torch.Generator().manual_seed(0)
)
repeated = [torch.cat([indices for _, _, indices in loader]).tolist() for _ in range(2)]
print(f"same seed, same orders: {repeated == epochs}")
assert repeated == epochs  # proof: same-seed-repeats

# Another seed gives other orders.
loader = DataLoader(
    dataset, batch_size=32, shuffle=True, generator=torch.Generator().manual_seed(1)
)
other = torch.cat([indices for _, _, indices in loader]).tolist()
print(f"seed 1, epoch 1 starts with: {other[:8]}")
assert other != epochs[0]  # proof: other-seed-differs
