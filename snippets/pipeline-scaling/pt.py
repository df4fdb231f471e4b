import time

import torch
from torch import nn

from mnist_data import load_mnist

seed = 0
print(f"seed: {seed}")
# One thread per operation in both frameworks, so that timings compare like with like.
torch.set_num_threads(1)
device = (
    torch.accelerator.current_accelerator()
    if torch.accelerator.is_available()
    else "cpu"
)
test_images, test_labels = load_mnist("test")
x_test = (
    (torch.tensor(test_images, dtype=torch.float32) / 255).reshape(-1, 784).to(device)
)
y_test = torch.tensor(test_labels).to(device)
batch_size, epochs = 32, 5

# The training of the stages above, from the same seed, on more and more images.
table = {"train_images": [], "seconds_per_epoch": [], "final_test_accuracy": []}
for n in (1000, 4000, 8000):
    torch.manual_seed(seed)
    train_images, train_labels = load_mnist("train", n=n)
    x_train = (
        (torch.tensor(train_images, dtype=torch.float32) / 255)
        .reshape(-1, 784)
        .to(device)
    )
    y_train = torch.tensor(train_labels).to(device)
    model = nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10)).to(device)
    loss_fn = nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=0.001)
    epoch_seconds = []
    for _ in range(epochs):
        start = time.perf_counter()
        for batch in torch.randperm(n, device=device).split(batch_size):
            loss = loss_fn(model(x_train[batch]), y_train[batch])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        epoch_seconds.append(time.perf_counter() - start)
    with torch.no_grad():
        accuracy = (model(x_test).argmax(dim=1) == y_test).float().mean().item()
    # The fastest epoch leaves out one-off costs and the epochs that other work on a
    # busy machine slowed down.
    seconds = min(epoch_seconds)
    table["train_images"].append(n)
    table["seconds_per_epoch"].append(seconds)
    table["final_test_accuracy"].append(accuracy)
    print(f"{n} images: {seconds:.3f} s per epoch, test accuracy {accuracy:.3f}")

# Eight times the images: more than twice the time per epoch, and a test accuracy more
# than 0.1 higher.
times, accuracies = table["seconds_per_epoch"], table["final_test_accuracy"]
assert times[-1] > 2 * times[0]  # proof: slower-epochs
assert accuracies[-1] > accuracies[0] + 0.1  # proof: more-data-helps
