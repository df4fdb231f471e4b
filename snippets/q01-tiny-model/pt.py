import importlib.metadata

import numpy as np
import torch
from torch import nn

torch.manual_seed(0)
print(f"torch {torch.__version__}")
author = importlib.metadata.metadata("torch")["Author-email"]
print(f"package author: {author}")
assert author.startswith("PyTorch Team")  # proof: package-author

# The same tiny model: 3 inputs, 2 hidden units with tanh, 1 output, fixed weights
# from NumPy.
w1 = np.array([[0.1, -0.2], [0.3, 0.4], [-0.5, 0.6]], dtype=np.float32)
w2 = np.array([[0.7], [-0.8]], dtype=np.float32)
model = nn.Sequential(nn.Linear(3, 2), nn.Tanh(), nn.Linear(2, 1))
# PyTorch stores a Linear weight as (out, in), so the NumPy (in, out) matrices are
# transposed.
with torch.no_grad():
    model[0].weight.copy_(torch.from_numpy(w1.T))
    model[0].bias.zero_()
    model[2].weight.copy_(torch.from_numpy(w2.T))
    model[2].bias.fill_(0.1)
print(f"first weight shape (out, in): {tuple(model[0].weight.shape)}")
assert tuple(model[0].weight.shape) == (2, 3)  # proof: weight-layout

# Calling the model runs it at once: the result is a tensor holding numbers, no graph
# to launch. Inside torch.compile, the same check reports graph capture.
x = torch.tensor([[1.0, 2.0, 3.0]])
output = model(x)
print(f"output: {output}")
here = torch.compiler.is_compiling()
inside = torch.compile(lambda: torch.compiler.is_compiling(), backend="eager")()
print(f"graph mode: here {here}, inside {inside}")
assert not here and inside  # proof: runs-eagerly
# A Linear layer computes x @ W.T + b with its (out, in) weight.
hidden = torch.tanh(x @ model[0].weight.T + model[0].bias)
assert torch.allclose(model[1](model[0](x)), hidden)  # proof: linear-formula

# One loss and its gradient with respect to the first weight matrix, as (in, out) for
# comparison.
loss = ((output - 1.0) ** 2).mean()
loss.backward()
grad_w1 = model[0].weight.grad.T
print(f"loss: {loss.item():.6f}")
print(f"grad_w1:\n{grad_w1}")  # proof: gradient

# Images: PyTorch convolutions expect channels first, (batch, channels, height, width).
# Both channel counts are given, so the weights exist before the first call.
conv = nn.Conv2d(3, 8, kernel_size=3)
before = [tuple(w.shape) for w in conv.parameters()]
print(f"weights before the first call: {before}")
assert before == [(8, 3, 3, 3), (8,)]  # proof: weights-before-call
images = torch.zeros(1, 3, 5, 5)
print(f"conv output shape: {tuple(conv(images).shape)}")
print(f"conv weight shape: {tuple(conv.weight.shape)}")
assert tuple(conv(images).shape) == (1, 8, 3, 3)  # proof: image-layout
assert tuple(conv.weight.shape) == (8, 3, 3, 3)

# Python integers become int64 tensors.
integers = torch.tensor([1, 2, 3])
print(f"default integer dtype: {integers.dtype}")
assert integers.dtype == torch.int64  # proof: int-dtype
