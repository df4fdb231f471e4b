import random

import numpy as np
import torch

device = (
    torch.accelerator.current_accelerator()
    if torch.accelerator.is_available()
    else torch.device("cpu")
)
torch.set_default_device(device)  # New tensors land on the GPU when there is one.
# The same seeded inputs in both files: every row below is compared with the TensorFlow
# file.
rng = np.random.default_rng(0)
data = rng.standard_normal((2, 3)).astype(np.float32)

# tensor: a tensor from nested lists; floats are float32 in both.
tensor = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
assert tensor.dtype == torch.float32
print(f"tensor: {tensor.tolist()}, {tensor.dtype}")

# int_default: Python integers become int64 in PyTorch, int32 in TensorFlow.
int_default = torch.tensor([1, 2, 3])
assert int_default.dtype == torch.int64
print(f"int_default: {int_default.tolist()}, {int_default.dtype}")

# arange: integer ranges, int64 in PyTorch and int32 in TensorFlow.
arange = torch.arange(0, 10, 3)
assert arange.dtype == torch.int64
print(f"arange: {arange.tolist()}, {arange.dtype}")

# zeros: PyTorch takes the sizes one by one or as a tuple, TensorFlow a shape.
zeros = torch.zeros(2, 3)
assert torch.equal(zeros, torch.zeros((2, 3)))
print(f"zeros: {zeros.tolist()}")

# ones_like: the shape and dtype of another tensor.
t = torch.tensor(data)
ones_like = torch.ones_like(t)
print(f"ones_like: {ones_like.tolist()}")

# full: one value everywhere; TensorFlow calls it fill.
full = torch.full((2, 2), 7.0)
print(f"full: {full.tolist()}")

# eye: the identity matrix.
eye = torch.eye(3)
print(f"eye: {eye.tolist()}")

# linspace: evenly spaced values, both ends included.
linspace = torch.linspace(0.0, 1.0, 5)
assert linspace.dtype == torch.float32
print(f"linspace: {linspace.tolist()}")

# from_numpy: PyTorch shares the array's memory, TensorFlow copies it.
array = data.copy()
from_numpy = torch.from_numpy(array)
array[0, 0] = 100.0
assert from_numpy[0, 0].item() == 100.0  # The write shows through.
array[0, 0] = data[0, 0]
print(f"from_numpy: {from_numpy.tolist()}, {from_numpy.dtype}")

# cast: float to integer truncates toward zero in both.
t = torch.tensor([-1.7, -0.5, 0.5, 1.7])
cast = t.to(torch.int32)
assert cast.tolist() == [-1, 0, 0, 1]
print(f"cast: {cast.tolist()}")

# promotion: PyTorch promotes int + float to float; TensorFlow needs an explicit cast.
counts = torch.tensor([1, 2])
promotion = counts + 0.5
assert promotion.dtype == torch.float32
print(f"promotion: {promotion.tolist()}, {promotion.dtype}")

# rand: the same seed gives different numbers in the two frameworks; only shape and
# range match.
torch.manual_seed(0)
uniform = torch.rand(1000)
assert uniform.dtype == torch.float32
rand = [list(uniform.shape), bool((uniform >= 0).all() and (uniform < 1).all())]
print(f"rand: shape and range {rand}, first value {uniform[0].item():.4f}")

# seed: reseeding repeats the draws; torch.manual_seed leaves NumPy and random alone.
np.random.seed(1)
random.seed(1)
expected = (np.random.rand(), random.random())
np.random.seed(1)
random.seed(1)
torch.manual_seed(0)
assert (np.random.rand(), random.random()) == expected  # Still seed 1's draws.
torch.manual_seed(0)
np.random.seed(0)
random.seed(0)
first = torch.rand(3)
torch.manual_seed(0)
seed = bool(torch.equal(first, torch.rand(3)))
assert seed
print(f"seed: draws repeat after reseeding: {seed}")

# to_numpy: a tensor that requires grad, or lives on a GPU, must be detached and moved
# first.
t = torch.tensor(data, requires_grad=True)
try:
    t.cpu().numpy()  # On the CPU, so that only requires_grad stands in the way.
    raise AssertionError("numpy() of a tensor that requires grad did not raise")
except RuntimeError as error:
    print(f"to_numpy: without detach(): RuntimeError: {error}")
if device.type != "cpu":
    try:
        t.detach().numpy()
        raise AssertionError("numpy() of a tensor on a GPU did not raise")
    except TypeError as error:
        print(f"to_numpy: without cpu(): TypeError: {error}")
to_numpy = t.detach().cpu().numpy()
print(f"to_numpy: {to_numpy.dtype}, {to_numpy.shape}")

# item: a one-element tensor to a Python number.
t = torch.tensor(data).sum()
item = t.item()
assert isinstance(item, float)
print(f"item: {item:.6f}")

# clone: a copy that does not share memory.
t = torch.tensor(data)
clone = t.clone()
t[0, 0] = 0.0
assert clone[0, 0].item() == data[0, 0]
print(f"clone: {clone.tolist()}")
