import math

import torch
from torch import nn

torch.manual_seed(0)

# A dense layer with 512 inputs and 256 outputs; PyTorch stores the weight as (out, in).
fan_in, fan_out = 512, 256
layer = nn.Linear(fan_in, fan_out)
weight, bias = layer.weight.detach().clone(), layer.bias.detach().clone()
assert weight.shape == (fan_out, fan_in)  # proof: layout

# nn.Linear draws its weight with kaiming_uniform_(a=sqrt(5)): the same seed redraws it.
torch.manual_seed(0)
redrawn = nn.init.kaiming_uniform_(torch.empty(fan_out, fan_in), a=math.sqrt(5))
print(
    f"default weight equals kaiming_uniform_(a=sqrt(5)): {torch.equal(redrawn, weight)}"
)
assert torch.equal(redrawn, weight)  # proof: kaiming-redraw

# With a = sqrt(5) that is U(-1/sqrt(fan_in), +1/sqrt(fan_in)); the bias uses the same
# interval.
limit = 1 / math.sqrt(fan_in)
weight_std, formula_std = weight.std().item(), limit / math.sqrt(3)
print(f"weight range: [{weight.min():.5f}, {weight.max():.5f}], limit: {limit:.5f}")
print(
    f"weight std: measured {weight_std:.5f}, formula limit/sqrt(3) = {formula_std:.5f}"
)
print(f"bias range: [{bias.min():.5f}, {bias.max():.5f}]")
assert weight.abs().max() <= limit
assert abs(weight_std / formula_std - 1) < 0.01  # proof: uniform-std
# The bias is random, not zero, and fills the same interval.
assert 0.9 * limit < bias.abs().max() <= limit  # proof: bias

# He initialisation keeps ReLU activations at a steady scale: std = sqrt(2 / fan_in).
nn.init.kaiming_normal_(layer.weight, nonlinearity="relu")
he_std = layer.weight.std().item()
print(
    f"He normal: std {he_std:.5f}, formula sqrt(2/fan_in) = {math.sqrt(2 / fan_in):.5f}"
)
assert abs(he_std / math.sqrt(2 / fan_in) - 1) < 0.01  # proof: he-std

# kaiming_normal_ draws from a plain normal distribution: a few weights land far out.
tail = (layer.weight.abs().max() / he_std).item()
print(f"largest |w| / std: {tail:.2f} (a plain normal)")
assert tail > 3  # proof: he-tail
