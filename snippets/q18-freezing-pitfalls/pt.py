import torch
from torch import nn

torch.manual_seed(0)
device = "cuda" if torch.cuda.is_available() else "cpu"
x, y = torch.rand(64, 4, device=device) * 3 + 1, torch.rand(64, 1, device=device)

# A pretrained base with batch normalisation, a head, and an optimizer built before freezing.
base = nn.Sequential(nn.Linear(4, 8), nn.BatchNorm1d(8)).to(device)
model = nn.Sequential(base, nn.Linear(8, 1)).to(device)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)


def train_and_check():
    weight, running_mean = base[0].weight.clone(), base[1].running_mean.clone()
    for _ in range(5):
        optimizer.zero_grad()
        nn.functional.mse_loss(model(x), y).backward()
        optimizer.step()
    return [
        not torch.equal(weight, base[0].weight),
        not torch.equal(running_mean, base[1].running_mean),
    ]


training = train_and_check()

# requires_grad_(False) stops gradients at once: the optimizer skips parameters without one.
# Batch norm still normalises with batch statistics and updates its running averages.
base.requires_grad_(False)
frozen = train_and_check()

# eval() on the base switches batch norm to its running averages and stops updating them.
# (A later model.train() switches it back.)
base.eval()
frozen_and_fixed = train_and_check()

checks = {
    "step": ["training", "frozen", "frozen, then fixed"],
    "weights changed": [training[0], frozen[0], frozen_and_fixed[0]],
    "running statistics changed": [training[1], frozen[1], frozen_and_fixed[1]],
}
for row in zip(*checks.values()):
    print(f"{row[0]}: weights changed {row[1]}, running statistics changed {row[2]}")
assert training == [True, True] and frozen == [False, True] and frozen_and_fixed == [False, False]

# model.train() (as a training loop calls it each epoch) puts batch norm back in training mode.
model.train()
print(f"after model.train(), batch norm in training mode again: {base[1].training}")
assert base[1].training
