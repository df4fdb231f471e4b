import torch
from torch import nn

torch.manual_seed(0)
if torch.accelerator.is_available():
    device = torch.accelerator.current_accelerator()
else:
    device = torch.device("cpu")
x, y = torch.randn(64, 4, device=device), torch.randn(64, 3, device=device)


def build():
    model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3)).to(device)
    return model, torch.optim.Adam(model.parameters(), lr=0.01)


def train_step(model, optimizer):
    optimizer.zero_grad()
    nn.functional.mse_loss(model(x), y).backward()
    optimizer.step()


model, optimizer = build()
for _ in range(5):
    train_step(model, optimizer)

# To resume training, save the optimizer's state (Adam's moments, step count) with the
# weights.
checkpoint = {
    "model": model.state_dict(),
    "optimizer": optimizer.state_dict(),
    "step": 5,
}
torch.save(checkpoint, "checkpoint.pt")
print(f"file holds: {list(checkpoint)}")

# Tensors, numbers, strings and dicts of them pass the weights_only=True default.
# The model and optimizer are built by code first, then filled from the file.
checkpoint = torch.load("checkpoint.pt", map_location=device)  # proof: restored
restored, restored_optimizer = build()
restored.load_state_dict(checkpoint["model"])
restored_optimizer.load_state_dict(checkpoint["optimizer"])
print(f"restored at step {checkpoint['step']}")

# Weights alone are not enough: a new Adam starts again from step 1.
fresh, fresh_optimizer = build()
fresh.load_state_dict(checkpoint["model"])

# One more step on the original and on the restored copy lands on the same weights.
train_step(model, optimizer)
train_step(restored, restored_optimizer)
train_step(fresh, fresh_optimizer)
max_difference = max(
    (a - b).abs().max().item()
    for a, b in zip(model.parameters(), restored.parameters())
)
fresh_difference = max(
    (a - b).abs().max().item() for a, b in zip(model.parameters(), fresh.parameters())
)
print(f"max |difference| of weights after one more step: {max_difference}")
print(f"the same, without the optimizer's state: {fresh_difference:.3g}")
assert max_difference == 0 < fresh_difference  # proof: resume
