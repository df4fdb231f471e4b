import importlib.util
import os
import signal
import subprocess
import sys
import tempfile
import time

import matplotlib.pyplot as plt
import numpy as np
import torch

# torch's CUDA build loads Triton, which carries its own LLVM, the first time torch's
# compiler stack is imported (creating an optimizer does it). If TensorFlow, which
# carries another LLVM, is loaded by then, the process aborts ("LLVM ERROR:
# inconsistency in registered CommandLine options"), and TensorBoard imports
# TensorFlow when it is installed: so torch._dynamo comes before TensorBoard.
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
splits = {"train": (x[:800], y[:800]), "validation": (x[800:], y[800:])}

model = nn.Sequential(nn.Linear(784, 64), nn.ReLU(), nn.Linear(64, 10)).to(device)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)

# A fresh folder per run, logs/<date-time>-<random>, so a rerun never reads an older
# run's files; `tensorboard --logdir logs` lists each run. One writer (one folder of
# event files) per split, so TensorBoard overlays their curves.
os.makedirs("logs", exist_ok=True)
run_dir = tempfile.mkdtemp(prefix=time.strftime("%Y%m%d-%H%M%S-"), dir="logs")
writers = {split: SummaryWriter(f"{run_dir}/{split}") for split in splits}
epochs = list(range(8))
history = {"epoch": epochs} | {
    f"{s}_{t}": [] for s in splits for t in ("loss", "accuracy")
}
for epoch in epochs:
    for batch in torch.randperm(800, device=device).split(50):
        optimizer.zero_grad()
        nn.functional.cross_entropy(model(x[batch]), y[batch]).backward()
        optimizer.step()
    for split, (split_x, split_y) in splits.items():
        with torch.no_grad():
            logits = model(split_x)
        loss = nn.functional.cross_entropy(logits, split_y).item()
        accuracy = (logits.argmax(1) == split_y).float().mean().item()
        writers[split].add_scalar("loss", loss, epoch)
        writers[split].add_scalar("accuracy", accuracy, epoch)
        history[f"{split}_loss"].append(loss)
        history[f"{split}_accuracy"].append(accuracy)
for writer in writers.values():
    writer.close()

# Read this run's event files back and check every (step, value) against the history.
# add_scalar stores a simple_value float, which EventAccumulator files under "scalars".
logged = {}
for split in splits:
    events = EventAccumulator(f"{run_dir}/{split}").Reload()
    assert sorted(events.Tags()["scalars"]) == ["accuracy", "loss"]  # proof: same-tags
    assert events.Tags()["tensors"] == []  # proof: stored-as
    for tag in events.Tags()["scalars"]:
        logged[f"{split}_{tag}"] = [
            (event.step, event.value) for event in events.Scalars(tag)
        ]
# One point per epoch, at its step, holding the value computed during training.
for name, points in logged.items():
    steps, values = zip(*points)
    assert list(steps) == epochs  # proof: one-per-epoch
    assert np.abs(np.subtract(values, history[name])).max() < 1e-6  # proof: points
print(
    "points read back per curve: "
    f"{ {name: len(points) for name, points in logged.items()} }"
)
print(f"validation accuracy, last epoch: {history['validation_accuracy'][-1]:.3f}")
assert sorted(logged) == [f"{s}_{t}" for s in splits for t in ("accuracy", "loss")]

# The same curves, drawn from the event files with matplotlib.
plt.rcParams["svg.hashsalt"] = "q24"
fig, axes = plt.subplots(1, 2, figsize=(8, 3))
for ax, tag in zip(axes, ("loss", "accuracy")):
    for split in splits:
        ax.plot(*zip(*logged[f"{split}_{tag}"]), marker="o", label=split)
    ax.set(title=tag, xlabel="epoch")
    ax.legend()
fig.suptitle("PyTorch: curves read back from the event files")
fig.tight_layout()
fig.savefig("curves.svg", metadata={"Date": None})

# Both orders, each in a fresh process. TensorFlow first, then torch's compiler stack,
# aborts where torch ships Triton (its CUDA builds); the CPU-only build has none.
child, reverse = (
    subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    for code in ("import tensorflow, torch._dynamo", "import torch._dynamo, tensorflow")
)
has_triton = importlib.util.find_spec("triton") is not None
aborted = child.returncode == -signal.SIGABRT
# This file never imports TensorFlow itself: TensorBoard did.
print(f"TensorFlow loaded: {'tensorflow' in sys.modules}")
assert "tensorflow" in sys.modules  # proof: tensorboard-loads-tf
print(f"Triton installed: {has_triton}")
print(f"TensorFlow first, then torch._dynamo: exit status {child.returncode}")
print(f"torch._dynamo first, then TensorFlow: exit status {reverse.returncode}")
# proof: llvm-conflict
assert aborted == has_triton and reverse.returncode == 0
assert not aborted or "inconsistency in registered CommandLine options" in child.stderr
