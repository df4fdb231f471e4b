import numpy as np
import torch

# Python integers become int64 tensors in PyTorch.
x = torch.tensor([1, 2, 3])
y = x + 5
print(f"x + 5: {y}")  # proof: broadcast
print(f"shape: {tuple(y.shape)}, dtype: {y.dtype}")
assert y.dtype == torch.int64  # proof: int-dtype

# torch.from_numpy shares memory with the array: writing to one changes the other.
array = np.array([1.0, 2.0, 3.0])
shared = torch.from_numpy(array)
array[0] = 100.0
print(f"from_numpy after array[0] = 100: {shared}")
assert shared[0].item() == 100.0  # proof: array-to-tensor

# torch.tensor copies: the same write leaves the copy alone.
copied = torch.tensor(array)
array[1] = -1.0
print(f"torch.tensor after array[1] = -1: {copied}")
assert copied[1].item() == 2.0  # proof: copies

# .numpy() of a CPU tensor shares its memory: writing to the array changes the tensor.
view = copied.numpy()
view[2] = -1.0
print(f"tensor after writing to its .numpy(): {copied}")
assert copied[2].item() == -1.0  # proof: tensor-to-numpy

# Tensors are mutable: an element can be set in place.
x[0] = 10
print(f"after setting element 0 to 10: {x}")
assert x[0].item() == 10  # proof: mutability

# A float64 array stays float64; the default for Python floats is float32.
print(f"dtype from a float64 array: {shared.dtype}")
print(f"dtype from Python floats: {torch.tensor([1.0]).dtype}")
# proof: float-dtypes
assert shared.dtype == torch.float64 and torch.tensor([1.0]).dtype == torch.float32
