import warnings

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

device = (
    torch.accelerator.current_accelerator()
    if torch.accelerator.is_available()
    else torch.device("cpu")
)
# The same seeded inputs in both files: every row below is compared with the TensorFlow
# file.
rng = np.random.default_rng(0)
x = torch.tensor((rng.standard_normal((2, 5)) * 3).astype(np.float32), device=device)
minus_one = torch.tensor([-1.0], device=device)

# relu: max(x, 0).
relu = torch.relu(x)
print(f"relu: {relu[0].tolist()}")

# gelu: the exact (erf) form is the default of both.
gelu = F.gelu(x)
print(f"gelu: {gelu[0].tolist()}")

# gelu_tanh: the tanh approximation, on request in both.
gelu_tanh = F.gelu(x, approximate="tanh")
assert (gelu_tanh - gelu).abs().max() > 1e-5
print(f"gelu_tanh: {gelu_tanh[0].tolist()}")

# softmax: PyTorch wants dim=; without it, it warns and guesses.
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    F.softmax(x)
assert any("Implicit dimension" in str(w.message) for w in caught)
softmax = F.softmax(x, dim=-1)
print(f"softmax: {softmax[0].tolist()}")

# log_softmax: log(softmax(x)) computed stably.
log_softmax = F.log_softmax(x, dim=-1)
print(f"log_softmax: {log_softmax[0].tolist()}")

# sigmoid: 1 / (1 + exp(-x)).
sigmoid = torch.sigmoid(x)
print(f"sigmoid: {sigmoid[0].tolist()}")

# tanh: the hyperbolic tangent.
tanh = torch.tanh(x)
print(f"tanh: {tanh[0].tolist()}")

# leaky_relu: the negative slope defaults to 0.01 in PyTorch, 0.3 in
# keras.layers.LeakyReLU and 0.2 in keras.activations.leaky_relu.
assert np.isclose(nn.LeakyReLU()(minus_one).item(), -0.01)
leaky_relu = nn.LeakyReLU(negative_slope=0.01)(x)
print(f"leaky_relu: {leaky_relu[0].tolist()}")

# elu: alpha 1.0 in both.
elu = F.elu(x)
print(f"elu: {elu[0].tolist()}")

# silu: x * sigmoid(x), also called swish.
silu = F.silu(x)
print(f"silu: {silu[0].tolist()}")

# softplus: log(1 + exp(x)); PyTorch switches to x above threshold=20.
softplus = F.softplus(x)
print(f"softplus: {softplus[0].tolist()}")

# hard_sigmoid: relu6(x + 3) / 6 in both (Keras 3).
hard_sigmoid = F.hardsigmoid(x)
print(f"hard_sigmoid: {hard_sigmoid[0].tolist()}")

# relu6: min(max(x, 0), 6).
relu6 = F.relu6(x)
print(f"relu6: {relu6[0].tolist()}")
