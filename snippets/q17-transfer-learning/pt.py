import torch
from torch import nn

from mnist_data import load_mnist

torch.manual_seed(0)
if torch.accelerator.is_available():
    device = torch.accelerator.current_accelerator()
else:
    device = torch.device("cpu")

# Task A: digits 0-4, plenty of examples. Task B: digits 5-9, only 50 labelled examples.
images, labels = load_mnist("train", n=9800)
x = torch.tensor(images[:, None] / 255.0, dtype=torch.float32, device=device)
y = torch.tensor(labels, device=device)
x_a, y_a = x[y < 5][:3000], y[y < 5][:3000]
x_b, y_b = x[y >= 5], y[y >= 5] - 5
x_b_train, y_b_train, x_b_test, y_b_test = x_b[:50], y_b[:50], x_b[1000:], y_b[1000:]


def build_base():
    conv = [
        nn.Conv2d(1, 16, 3),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 3),
        nn.ReLU(),
    ]
    return nn.Sequential(
        *conv, nn.MaxPool2d(2), nn.Flatten()
    )  # 32 x 5 x 5 = 800 features.


def train(model, x, y, epochs, learning_rate):
    """Train, then return the accuracy on task B's held-out digits."""
    # The optimizer gets only the parameters that require grad: build one after
    # every change.
    trainable = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.Adam(trainable, lr=learning_rate)
    for _ in range(epochs):
        for batch in torch.randperm(len(x), device=device).split(50):
            optimizer.zero_grad()
            nn.functional.cross_entropy(model(x[batch]), y[batch]).backward()
            optimizer.step()
    with torch.no_grad():
        return (model(x_b_test).argmax(1) == y_b_test).float().mean().item()


# Pretrain the convolutional base with a 5-way head on task A.
base = build_base()
train(
    nn.Sequential(base, nn.Linear(800, 5)).to(device),
    x_a,
    y_a,
    epochs=2,
    learning_rate=1e-3,
)

# Freeze the base (no gradients for its parameters) and give it a new head for task B.
model = nn.Sequential(base, nn.Linear(800, 5)).to(device)
trainable_before = sum(p.numel() for p in model.parameters() if p.requires_grad)
base.requires_grad_(False)
trainable_after = sum(p.numel() for p in model.parameters() if p.requires_grad)
# proof: trainable
print(
    f"trainable parameters: {trainable_before} before freezing, {trainable_after} after"
)
assert trainable_after == 800 * 5 + 5 < trainable_before  # proof: head-only
frozen_accuracy = train(model, x_b_train, y_b_train, epochs=30, learning_rate=1e-2)

# Fine-tune: unfreeze the base and train everything a little more with a small
# learning rate.
base.requires_grad_(True)
fine_tuned_accuracy = train(model, x_b_train, y_b_train, epochs=10, learning_rate=1e-4)

# Baseline: the same network trained from scratch on the 50 examples of task B alone.
scratch = nn.Sequential(build_base(), nn.Linear(800, 5)).to(device)
scratch_accuracy = train(scratch, x_b_train, y_b_train, epochs=30, learning_rate=1e-3)

accuracy = {
    "model": ["frozen base, new head", "fine-tuned", "from scratch"],
    "task B accuracy": [frozen_accuracy, fine_tuned_accuracy, scratch_accuracy],
}
print(f"task B accuracy on {len(x_b_test)} held-out digits:")
for name, value in zip(*accuracy.values()):
    print(f"  {name}: {value:.3f}")  # proof: accuracy
# Far above the 0.2 of guessing among five digits.
assert frozen_accuracy > 0.5  # proof: above-chance
