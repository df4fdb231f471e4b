import numpy as np
import torch
from torch import nn

# NumPy makes float64 arrays, and PyTorch keeps that dtype when it converts one.
array = np.array([1.0, 2.0, 3.0])
tensor = torch.from_numpy(array)
print(f"array dtype: {array.dtype}, tensor dtype: {tensor.dtype}")
assert tensor.dtype == torch.float64  # proof: float64-kept

# torch.from_numpy shares memory: a write to the array shows in the tensor.
array[0] = 100.0
print(f"tensor after array[0] = 100: {tensor}")
assert tensor[0].item() == 100.0  # proof: array-to-tensor

# .numpy() on a CPU tensor shares memory too: an in-place change shows in the array.
back = tensor.numpy()
tensor.add_(1.0)
print(f"numpy result after an in-place add on the tensor: {back}")
assert back[1] == 3.0 and array[1] == 3.0  # proof: tensor-to-numpy

# Asking for float32, or calling torch.tensor, copies, so later writes are not seen.
as_float32 = torch.as_tensor(array, dtype=torch.float32)
copied = torch.tensor(array)
array[2] = -1.0
print(f"float32 copy after array[2] = -1: {as_float32}")
assert as_float32[2].item() == 4.0 and copied[2].item() == 4.0  # proof: copies

# A layer holds float32 weights and rejects float64 input: convert it first.
layer = nn.Linear(3, 1)
try:
    layer(tensor.reshape(1, 3))
    accepts_float64 = True
except RuntimeError as error:
    accepts_float64 = False
    print(f"float64 input: {type(error).__name__}: {error}")
output = layer(tensor.reshape(1, 3).float())
print(f"accepts float64: {accepts_float64}, output dtype: {output.dtype}")
assert not accepts_float64 and output.dtype == torch.float32  # proof: float64-layer
