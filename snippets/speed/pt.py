import os
import platform
import statistics
import time

import torch
from torch import nn

from mnist_data import load_mnist

torch.manual_seed(0)
device = (
    torch.accelerator.current_accelerator()
    if torch.accelerator.is_available()
    else "cpu"
)
print(
    f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
    f"{device}"
)
# Threads per operation: PyTorch reads OMP_NUM_THREADS at start-up (the build sets it
# to 1).
# proof: threads
print(f"torch {torch.__version__}, intra-op threads: {torch.get_num_threads()}")

images, labels = load_mnist("train", n=1024)
x = torch.tensor(images.reshape(-1, 784) / 255.0, dtype=torch.float32, device=device)
y = torch.tensor(labels, device=device)
batch_size = 32


def make_model():
    torch.manual_seed(0)
    return nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10)).to(device)


def sync():
    # GPU kernels run asynchronously: wait for them before reading the clock.
    if torch.accelerator.is_available():
        torch.accelerator.synchronize()


def measure(step, repeats=7, calls=20):
    """Median and quartiles, in milliseconds per call, after three warm-up calls."""
    for i in range(3):
        step(i)
    samples = []
    for _ in range(repeats):
        sync()
        start = time.perf_counter()
        for i in range(calls):
            step(i)
        sync()
        samples.append((time.perf_counter() - start) / calls * 1000)
    q1, median, q3 = statistics.quantiles(samples, n=4)
    return round(median, 4), round(q1, 4), round(q3, 4)


def train_step_for(model):
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    loss_fn = nn.CrossEntropyLoss()

    def step(i):
        start = (i * batch_size) % len(x)
        xb, yb = x[start : start + batch_size], y[start : start + batch_size]
        optimizer.zero_grad()
        loss = loss_fn(model(xb), yb)
        loss.backward()
        optimizer.step()

    return step


# Training: one optimizer step on a batch of 32, eager and through torch.compile.
training = {"setting": [], "median_ms": [], "q1_ms": [], "q3_ms": []}
compile_start = time.perf_counter()
compiled_step = train_step_for(torch.compile(make_model()))
compiled_step(0)
compile_seconds = time.perf_counter() - compile_start
print(f"torch.compile first call (compilation): {compile_seconds:.1f} s")
for setting, step in [
    ("eager loop", train_step_for(make_model())),
    ("torch.compile loop", compiled_step),
]:
    median, q1, q3 = measure(step)
    for key, value in zip(training, (setting, median, q1, q3), strict=True):
        training[key].append(value)

# Inference: one forward pass without gradient tracking, at three batch sizes.
model = make_model().eval()
inference = {"batch_size": [1, 32, 256], "median_ms": [], "q1_ms": [], "q3_ms": []}
with torch.inference_mode():
    for size in inference["batch_size"]:
        median, q1, q3 = measure(lambda i, size=size: model(x[:size]))
        inference["median_ms"].append(median)
        inference["q1_ms"].append(q1)
        inference["q3_ms"].append(q3)

print("training step, batch of 32 (median [quartiles] ms):")
for setting, median, q1, q3 in zip(*training.values(), strict=True):
    print(f"  {setting:<22} {median:8.3f} [{q1:.3f}, {q3:.3f}]")
print("inference (median [quartiles] ms):")
for size, median, q1, q3 in zip(*inference.values(), strict=True):
    print(f"  batch {size:<4} {median:8.3f} [{q1:.3f}, {q3:.3f}]")
assert all(m > 0 for m in training["median_ms"] + inference["median_ms"])
# The first compiled call costs far more than a compiled step once warm.
assert compile_seconds * 1000 > 10 * training["median_ms"][1]  # proof: compile-costs
