import torch
from torch import nn

torch.manual_seed(0)
if torch.accelerator.is_available():
    device = torch.accelerator.current_accelerator()
else:
    device = torch.device("cpu")
x, y = torch.rand(64, 4, device=device) * 3 + 1, torch.rand(64, 1, device=device)

# A pretrained base with batch normalisation, a head, and an optimizer built before
# freezing.
base = nn.Sequential(nn.Linear(4, 8), nn.BatchNorm1d(8)).to(device)
model = nn.Sequential(base, nn.Linear(8, 1)).to(device)
optimizer = torch.optim.SGD(model.parameters(), lr=0.01)


def train_and_check():
    weight, running_mean = base[0].weight.clone(), base[1].running_mean.clone()
    for _ in range(5):
        optimizer.zero_grad()
        loss = nn.functional.mse_loss(model(x), y)
        loss.backward()
        optimizer.step()
    assert torch.isfinite(
        loss
    )  # A diverged run (NaN) would make every check read "changed".
    return [
        not torch.equal(weight, base[0].weight),
        not torch.equal(running_mean, base[1].running_mean),
    ]


training = train_and_check()

# requires_grad_(False) stops gradients at once: the optimizer skips parameters
# without one. Batch norm still normalises with batch statistics and updates its
# running averages.
base.requires_grad_(False)
frozen = train_and_check()

# eval() on the base switches batch norm to its running averages and stops updating
# them. (A later model.train() switches it back.)
base.eval()
frozen_and_fixed = train_and_check()

# Fine-tune: unfreeze the base. model.train() (as a training loop calls it each epoch)
# puts batch norm back in training mode, so its running averages move again.
base.requires_grad_(True)
model.train()
print(f"after model.train(), batch norm in training mode again: {base[1].training}")
assert base[1].training  # proof: train-mode
unfrozen = train_and_check()

# The fix: put the batch norm layers back in eval mode (after every model.train()); they
# use and keep their running averages while the other weights fine-tune.
for layer in base.modules():
    if isinstance(layer, nn.BatchNorm1d):
        layer.eval()
unfrozen_and_fixed = train_and_check()

stages = [training, frozen, frozen_and_fixed, unfrozen, unfrozen_and_fixed]
checks = {
    "step": [
        "training",
        "frozen",
        "frozen, then fixed",
        "unfrozen",
        "unfrozen, then fixed",
    ],
    "weights changed": [stage[0] for stage in stages],
    "running statistics changed": [stage[1] for stage in stages],
}
for row in zip(*checks.values()):
    print(f"{row[0]}: weights changed {row[1]}, running statistics changed {row[2]}")
assert training == [True, True]  # proof: training
# Frozen: the weights stop at once, the running statistics still move.
assert frozen == [False, True]  # proof: frozen-at-once
assert frozen_and_fixed == [False, False]  # proof: eval-fixed
assert unfrozen == [True, True]  # proof: unfrozen
assert unfrozen_and_fixed == [True, False]  # proof: unfrozen-fixed
