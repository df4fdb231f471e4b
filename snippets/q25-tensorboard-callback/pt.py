import os
import tempfile
import time

import matplotlib.pyplot as plt
import numpy as np
import torch

# Before TensorBoard, which imports TensorFlow when it is installed: the other order
# aborts with torch's CUDA build (question 24 shows why).
import torch._dynamo  # noqa: F401
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator
from torch import nn
from torch.utils.tensorboard import SummaryWriter

from mnist_data import load_mnist

torch.manual_seed(0)
device = (
    torch.accelerator.current_accelerator()
    if torch.accelerator.is_available()
    else torch.device("cpu")
)
images, labels = load_mnist("train", n=1000)
x = torch.tensor(images.reshape(-1, 784) / 255.0, dtype=torch.float32, device=device)
y = torch.tensor(labels, device=device)

model = nn.Sequential(nn.Linear(784, 64), nn.ReLU(), nn.Linear(64, 10)).to(device)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)

# PyTorch has no fit() and no callbacks: this loop logs what Keras's TensorBoard
# callback does, each epoch's metrics to <run>/train and <run>/validation, and a
# histogram of every weight. The training loss is the mean of the epoch's batch
# losses, taken while the weights change. A fresh run folder,
# logs/<date-time>-<random>, keeps a rerun from reading older files.
os.makedirs("logs", exist_ok=True)
run_dir = tempfile.mkdtemp(prefix=time.strftime("%Y%m%d-%H%M%S-"), dir="logs")
writers = {
    split: SummaryWriter(f"{run_dir}/{split}") for split in ("train", "validation")
}
# add_graph traces the model with torch.jit.trace and writes its op graph.
writers["train"].add_graph(model, x[:1])
history = {"loss": [], "accuracy": [], "val_loss": [], "val_accuracy": []}
for epoch in range(8):
    losses, correct = [], 0
    for batch in torch.randperm(800, device=device).split(50):
        optimizer.zero_grad()
        logits = model(x[batch])
        loss = nn.functional.cross_entropy(logits, y[batch])
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
        correct += (logits.argmax(1) == y[batch]).sum().item()
    with torch.no_grad():
        val_logits = model(x[800:])
    history["loss"].append(np.mean(losses))
    history["accuracy"].append(correct / 800)
    history["val_loss"].append(nn.functional.cross_entropy(val_logits, y[800:]).item())
    history["val_accuracy"].append(
        (val_logits.argmax(1) == y[800:]).float().mean().item()
    )
    for name, values in history.items():
        split = "validation" if name.startswith("val_") else "train"
        writers[split].add_scalar(
            f"epoch_{name.removeprefix('val_')}", values[-1], epoch
        )
    for name, parameter in model.named_parameters():
        writers["train"].add_histogram(f"{name}/histogram", parameter, epoch)
for writer in writers.values():
    writer.close()
# The last epoch's mean batch loss is not the loss of the final weights on the same
# digits.
with torch.no_grad():
    final_loss = nn.functional.cross_entropy(model(x[:800]), y[:800]).item()
print(f"last epoch loss: {history['loss'][-1]:.4f}, final weights: {final_loss:.4f}")
assert abs(final_loss - history["loss"][-1]) > 1e-3  # proof: not-final

# Read this run's event files back and check them against the history.
# EventAccumulator keeps only one histogram per tag unless told otherwise (size 0
# keeps them all).
logged, histograms, op_graphs = {}, {}, 0
for split, prefix in (("train", ""), ("validation", "val_")):
    events = EventAccumulator(
        f"{run_dir}/{split}", size_guidance={"histograms": 0}
    ).Reload()
    op_graphs += events.Tags()["graph"]
    for tag in events.Tags()["histograms"]:
        histograms[tag] = [event.step for event in events.Histograms(tag)]
    for tag in ("epoch_loss", "epoch_accuracy"):
        name = prefix + tag.removeprefix("epoch_")
        logged[name] = [event.value for event in events.Scalars(tag)]
for name, values in logged.items():
    assert np.abs(np.subtract(values, history[name])).max() < 1e-6  # proof: curves
print(f"curves read back: {sorted(logged)}")
print(
    f"histograms read back: { {tag: len(steps) for tag, steps in histograms.items()} }"
)
print(f"op graphs logged: {op_graphs}")
assert len(logged) == 4 and op_graphs == 1  # proof: add-graph
# One histogram per weight and epoch; by default, EventAccumulator keeps only one.
# proof: histograms
assert len(histograms) == 4 and all(s == list(range(8)) for s in histograms.values())
sampled = EventAccumulator(f"{run_dir}/train").Reload()  # Default size guidance.
assert all(len(sampled.Histograms(tag)) == 1 for tag in histograms)  # proof: sampled

# The same curves, drawn from the event files with matplotlib.
plt.rcParams["svg.hashsalt"] = "q25"
fig, axes = plt.subplots(1, 2, figsize=(8, 3))
for ax, tag in zip(axes, ("loss", "accuracy")):
    ax.plot(logged[tag], marker="o", label="train")
    ax.plot(logged[f"val_{tag}"], marker="o", label="validation")
    ax.set(title=tag, xlabel="epoch")
    ax.legend()
fig.suptitle("PyTorch: curves read back from the event files")
fig.tight_layout()
fig.savefig("curves.svg", metadata={"Date": None})
