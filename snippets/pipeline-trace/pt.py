import time

import torch
from torch import nn

from mnist_data import load_mnist

seed = 0
torch.manual_seed(seed)
print(f"seed: {seed}")
# One thread per operation in both frameworks, so that timings compare like with like.
torch.set_num_threads(1)
device = (
    torch.accelerator.current_accelerator()
    if torch.accelerator.is_available()
    else "cpu"
)

# The stages above: 1,000 training and 200 test images, scaled to [0, 1] and flattened.
train_images, train_labels = load_mnist("train", n=1000)
test_images, test_labels = load_mnist("test")
x_train = (
    (torch.tensor(train_images, dtype=torch.float32) / 255).reshape(-1, 784).to(device)
)
x_test = (
    (torch.tensor(test_images, dtype=torch.float32) / 255).reshape(-1, 784).to(device)
)
y_train, y_test = (
    torch.tensor(train_labels).to(device),
    torch.tensor(test_labels).to(device),
)
model = nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10)).to(device)
loss_fn = nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(model.parameters(), lr=0.001)
batch_size, epochs = 32, 5

# Train loss and accuracy are averaged over the epoch's batches while the weights
# change; test loss and accuracy are measured once, at the end of the epoch.
trace = {"epoch": [], "train_loss": [], "train_accuracy": []}
trace.update({"test_loss": [], "test_accuracy": [], "seconds": []})
for epoch in range(1, epochs + 1):
    start = time.perf_counter()
    train_loss, train_correct = 0.0, 0
    for batch in torch.randperm(len(x_train), device=device).split(batch_size):
        logits = model(x_train[batch])
        loss = loss_fn(logits, y_train[batch])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        train_loss += loss.item() * len(batch) / len(x_train)
        train_correct += (logits.argmax(dim=1) == y_train[batch]).sum().item()
    with torch.no_grad():
        logits = model(x_test)
    trace["epoch"].append(epoch)
    trace["train_loss"].append(train_loss)
    trace["train_accuracy"].append(train_correct / len(x_train))
    trace["test_loss"].append(loss_fn(logits, y_test).item())
    trace["test_accuracy"].append(
        (logits.argmax(dim=1) == y_test).float().mean().item()
    )
    trace["seconds"].append(time.perf_counter() - start)
    print(
        f"epoch {epoch}: "
        + ", ".join(f"{k} {v[-1]:.4f}" for k, v in list(trace.items())[1:])
    )

# The other unseen images of the split (numbers 1000 to 9799), for comparison with the
# 200 test images (9800 to 9999).
other_images, other_labels = (array[1000:] for array in load_mnist("train", n=9800))
x_other = (
    (torch.tensor(other_images, dtype=torch.float32) / 255).reshape(-1, 784).to(device)
)
with torch.no_grad():
    other_accuracy = (model(x_other).argmax(dim=1).cpu().numpy() == other_labels).mean()
    # The trained network on its own 1,000 training images, after the last epoch.
    fitted_accuracy = (model(x_train).argmax(dim=1) == y_train).float().mean().item()

train_accuracy, test_accuracy = trace["train_accuracy"][-1], trace["test_accuracy"][-1]
train_loss, test_loss = trace["train_loss"][-1], trace["test_loss"][-1]
print("claimed after 5 epochs: test accuracy 0.92, loss 0.25")
print(f"measured, test images: accuracy {test_accuracy:.3f}, loss {test_loss:.3f}")
print(f"measured, train images: accuracy {train_accuracy:.3f}, loss {train_loss:.3f}")
print(f"measured, images 1000-9799: accuracy {other_accuracy:.3f}")
gap, deficit = train_accuracy - test_accuracy, other_accuracy - test_accuracy
# proof: gap-split
print(f"train-test gap {gap:.3f}, of which the test images' deficit {deficit:.3f}")
assert trace["train_loss"] == sorted(trace["train_loss"], reverse=True)
# proof: train-near-claim
assert abs(train_accuracy - 0.92) < 0.05 and abs(train_loss - 0.25) < 0.1
# proof: test-far-from-claim
assert test_accuracy < 0.92 - 0.1 and test_loss > 0.25 + 0.1 and gap > 0.1
# Most of the gap is the test block being hard: other unseen images score well above
# it, and closer to the train accuracy than to the test accuracy.
# proof: hard-test-block
assert deficit > 0.1 and deficit > gap - deficit
print(f"trained network, its training images: accuracy {fitted_accuracy:.3f}")
assert other_accuracy < fitted_accuracy  # proof: some-overfitting
