import gzip

import torch
from torch import nn
from torch.nn.utils import prune

from mnist_data import load_mnist

torch.manual_seed(0)
device = (
    torch.accelerator.current_accelerator()
    if torch.accelerator.is_available()
    else torch.device("cpu")
)

images, labels = load_mnist("train", n=1000)
test_images, test_labels = load_mnist("test")
x = torch.tensor(images.reshape(-1, 784) / 255, dtype=torch.float32).to(device)
y = torch.tensor(labels).to(device)
x_test = torch.tensor(test_images.reshape(-1, 784) / 255, dtype=torch.float32).to(
    device
)
y_test = torch.tensor(test_labels).to(device)

model = nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10)).to(device)
layers = [model[0], model[2]]
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)


def train(epochs):
    for _ in range(epochs):
        for i in torch.randperm(1000).split(50):
            loss = nn.functional.cross_entropy(model(x[i]), y[i])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()


def measure(stage):
    with torch.no_grad():
        accuracy = (model(x_test).argmax(1) == y_test).float().mean().item()
    weights = [layer.weight.detach().cpu().numpy() for layer in layers]
    sparsity = sum((w == 0).sum() for w in weights) / sum(w.size for w in weights)
    kilobytes = len(gzip.compress(b"".join(w.tobytes() for w in weights))) / 1024
    print(
        f"{stage:>20}: sparsity {sparsity:.3f}, accuracy {accuracy:.3f}, "
        f"gzip {kilobytes:.0f} kB"
    )
    return [stage, round(float(sparsity), 3), accuracy, round(kilobytes)]


train(epochs=10)
rows = [measure("dense")]
# Zero the 90% smallest-magnitude weights of each layer. prune keeps the original in
# weight_orig and a 0/1 weight_mask, and recomputes weight = weight_orig * weight_mask.
for layer in layers:
    prune.l1_unstructured(layer, name="weight", amount=0.9)
names = [name for name, _ in model[0].named_parameters()]
buffers = [name for name, _ in model[0].named_buffers()]
print(f"while pruned: parameters {names}, buffers {buffers}")
# proof: pruned-names
assert names == ["bias", "weight_orig"] and buffers == ["weight_mask"]
# A forward pre-hook recomputes weight from weight_orig and the mask before every call.
assert prune.is_pruned(model)  # proof: pruned-hook
rows.append(measure("pruned"))
# Fine-tuning updates weight_orig, but the mask keeps the pruned weights at zero:
# the zeros after fine-tuning are exactly the mask's zeros.
train(epochs=3)
rows.append(measure("pruned + fine-tuned"))
held = [torch.equal(layer.weight == 0, layer.weight_mask == 0) for layer in layers]
print(f"zeros exactly where the mask is 0: {held}")
assert held == [True, True]  # proof: mask-holds
zeros = sum(int((layer.weight == 0).sum()) for layer in layers)
print(f"zero weights: {zeros}")
# prune.remove makes the zeros permanent and drops weight_orig and weight_mask.
for layer in layers:
    prune.remove(layer, "weight")
names = [name for name, _ in model[0].named_parameters()]
buffers = [name for name, _ in model[0].named_buffers()]
print(f"after remove: parameters {names}, buffers {buffers}")
# proof: removed
assert names == ["bias", "weight"] and not buffers and not prune.is_pruned(model)

# Pruning zeroes weights but keeps every matrix dense and at its full size.
shapes = [tuple(layer.weight.shape) for layer in layers]
dense = all(layer.weight.layout == torch.strided for layer in layers)
# proof: full-shape
assert shapes == [(128, 784), (10, 128)] and dense
n_params = sum(p.numel() for p in model.parameters())
print(f"parameters: {n_params}")
assert n_params == 784 * 128 + 128 + 128 * 10 + 10  # proof: param-count

# The table on the page: one column per measure, one row per stage.
results = dict(zip(["stage", "sparsity", "accuracy", "gzip kB"], map(list, zip(*rows))))
sparsity = results["sparsity"]
assert sparsity == [0.0, 0.9, 0.9]
assert results["gzip kB"][1] < 0.5 * results["gzip kB"][0]  # proof: gzip-smaller
# Accuracy drops right after pruning and comes back to within a few points with
# fine-tuning.
assert results["accuracy"][1] < results["accuracy"][0] - 0.1  # proof: accuracy-drops
# proof: accuracy-recovers
assert results["accuracy"][2] > results["accuracy"][0] - 0.05
