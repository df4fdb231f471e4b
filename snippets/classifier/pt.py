import numpy as np
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
assert n_params == 784 * 128 + 128 + 128 * 10 + 10  # proof: param-count

# nn.Linear is told both sizes, so it creates its weight and bias at once.
new_layer_weights = len(list(nn.Linear(784, 128).parameters()))
print(f"weights of a layer before it sees an input: {new_layer_weights}")
assert new_layer_weights == 2  # proof: lazy-weights

# The weight is stored (out, in), and the layer computes x @ W.T + b.
x = torch.rand(2, 784)
hidden = model[0]
w, b = hidden.weight.detach().numpy(), hidden.bias.detach().numpy()
print(f"hidden weight: {w.shape} (out, in)")
assert w.shape == (128, 784)  # proof: layout
# proof: formula
assert np.allclose(hidden(x).detach().numpy(), x.numpy() @ w.T + b, atol=1e-5)

logits = model(x)
print(f"output shape: {tuple(logits.shape)}")
# Logits, not probabilities: no softmax at the end, so some scores are negative.
assert logits.min() < 0  # proof: logits
