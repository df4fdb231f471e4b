import torch
from torch import nn

torch.manual_seed(0)

# 784 pixels in, 128 hidden units with ReLU, 10 class scores (logits) out.
model = nn.Sequential(
    nn.Linear(784, 128),
    nn.ReLU(),
    nn.Linear(128, 10),
)
print(model)

n_params = sum(p.numel() for p in model.parameters())
print(f"parameters: {n_params}")
assert n_params == 784 * 128 + 128 + 128 * 10 + 10

logits = model(torch.rand(2, 784))
print(f"output shape: {tuple(logits.shape)}")
