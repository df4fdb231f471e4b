import math

import matplotlib.pyplot as plt
import torch
from torch import nn

torch.manual_seed(0)
if torch.accelerator.is_available():
    device = torch.accelerator.current_accelerator()
else:
    device = torch.device("cpu")

# A stack of 30 ReLU layers, 256 units wide, fed a batch of standard-normal inputs.
depth, width = 30, 256
x = torch.randn(256, width, device=device)

# Each scheme rewrites the weight in place; "default" keeps what nn.Linear drew.
inits = {
    "small": lambda weight: nn.init.normal_(weight, std=0.01),
    "large": lambda weight: nn.init.normal_(weight, std=1.0),
    "default": lambda weight: weight,
    "he": lambda weight: nn.init.kaiming_normal_(weight, nonlinearity="relu"),
}
trace = {"layer": list(range(1, depth + 1))}
for name, init in inits.items():
    h, scales, kernels = x, [], []
    with torch.no_grad():
        for _ in range(depth):
            layer = nn.Linear(width, width, bias=False).to(device)
            init(layer.weight)
            h = torch.relu(layer(h))
            scales.append(h.abs().mean().item())
            kernels.append(layer.weight)
    trace[name] = scales
    # Every layer has a matrix of its own.
    # proof: distinct
    assert len({k.detach().cpu().numpy().tobytes() for k in kernels}) == depth
    print(
        f"{name:>8}: mean |activation| after layer 1: {scales[0]:.3g}, "
        f"after layer {depth}: {scales[-1]:.3g}"
    )

# Too small vanishes, too large explodes, He (std = sqrt(2/fan_in)) stays of order one.
# Small and large change the signal by a similar factor at every layer.
ratios = {name: [b / a for a, b in zip(trace[name], trace[name][1:])] for name in inits}
shrinks = all(0.05 < ratio < 0.2 for ratio in ratios["small"])
grows = all(5 < ratio < 20 for ratio in ratios["large"])
final = {name: math.log10(trace[name][-1]) for name in inits}
# proof: vanish-explode
assert shrinks and grows and abs(final["he"]) < 1

# The default shrinks the mean square by fan_in * Var(w) / 2 per layer: 1/6 for PyTorch
# (Var = 1/(3 fan_in)), against 1/2 for Glorot, Keras's default.
# The curve tracks the root of the mean square, hence the square of its ratio.
factor = (trace["default"][-1] / trace["default"][0]) ** (2 / (depth - 1))
expected, alternative = 1 / 6, 1 / 2
print(f"default: mean square x {factor:.3f} per layer, formula {expected:.3f}")
assert abs(factor - expected) < 0.05 < abs(factor - alternative)  # proof: factor

# An nn.init function draws from the global generator at each call: applied to two
# layers, it gives them different matrices.
shared = inits["he"]
pair = [nn.Linear(width, width, bias=False) for _ in range(2)]
for layer in pair:
    shared(layer.weight)
same_matrix = torch.equal(pair[0].weight, pair[1].weight)
print(f"two layers, one initializer: same matrix {same_matrix}")
assert not same_matrix  # proof: shared

plt.rcParams["svg.hashsalt"] = "q14"
fig, ax = plt.subplots(figsize=(6, 3.5))
for name in inits:
    ax.plot(trace["layer"], trace[name], label=name)
ax.set(yscale="log", xlabel="layer", ylabel="mean |activation|", title="PyTorch")
ax.legend()
fig.tight_layout()
fig.savefig("activations.svg", metadata={"Date": None})
