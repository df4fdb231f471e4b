import torch
from torch import nn

torch.manual_seed(0)
if torch.accelerator.is_available():
    device = torch.accelerator.current_accelerator()
else:
    device = torch.device("cpu")

# 30 ReLU layers with the default initialisation, with and without batch norm in
# between. They have no bias: batch norm would subtract it again (its own shift
# replaces it).
depth, width = 30, 256
x, y = torch.randn(256, width, device=device), torch.randn(256, 1, device=device)


def build(batch_norm):
    layers = []
    for _ in range(depth):
        layers += [
            nn.Linear(width, width, bias=False),
            *([nn.BatchNorm1d(width)] if batch_norm else []),
            nn.ReLU(),
        ]
    return nn.Sequential(*layers, nn.Linear(width, 1)).to(device)


results = {}
for batch_norm in (False, True):
    model = build(batch_norm)
    last_hidden = model[:-1](x)
    loss = nn.functional.mse_loss(model[-1](last_hidden), y)
    loss.backward()
    scale = last_hidden.abs().mean().item()
    first_grad = model[0].weight.grad.norm().item()
    results[batch_norm] = (scale, first_grad)
    print(
        f"batch norm {batch_norm!s:>5}: mean |activation| at layer {depth}: "
        f"{scale:.3g}, "
        f"gradient norm at layer 1: {first_grad:.3g}"
    )

# Without batch norm the signal and the first layer's gradient shrink by orders of
# magnitude.
assert results[False][0] < 1e-3 and results[True][0] > 0.1  # proof: activations
assert results[True][1] > 1e3 * results[False][1]  # proof: gradients
