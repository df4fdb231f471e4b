import numpy as np
import torch

device = (
    torch.accelerator.current_accelerator()
    if torch.accelerator.is_available()
    else torch.device("cpu")
)
torch.set_default_device(device)  # New tensors land on the GPU when there is one.
torch.backends.cuda.matmul.fp32_precision = "ieee"  # Full float32 matmuls on GPUs too.
# The same seeded inputs in both files: every row below is compared with the TensorFlow
# file.
rng = np.random.default_rng(0)
a = torch.tensor(rng.standard_normal((3, 4)).astype(np.float32))
b = torch.tensor(rng.standard_normal((4, 2)).astype(np.float32))

# matmul: the @ operator works on tensors of both frameworks.
matmul = a @ b
print(f"matmul: {tuple(matmul.shape)}")

# sum_dim: dim= in PyTorch, axis= in TensorFlow.
sum_dim = a.sum(dim=0)
print(f"sum_dim: {sum_dim.tolist()}")

# mean_keepdim: keepdim=True in PyTorch, keepdims=True in TensorFlow.
mean_keepdim = a.mean(dim=1, keepdim=True)
print(f"mean_keepdim: {tuple(mean_keepdim.shape)}")

# max_dim: PyTorch returns values and indices; TensorFlow needs reduce_max and argmax.
values, indices = a.max(dim=1)
max_dim = [values, indices]
print(f"max_dim: {values.tolist()}, {indices.tolist()}")

# argmax: int64 indices in both (tf.argmax's output_type defaults to int64).
argmax = a.argmax(dim=1)
assert argmax.dtype == torch.int64
print(f"argmax: {argmax.tolist()}, {argmax.dtype}")

# std: PyTorch divides by n - 1 by default, TensorFlow by n; correction=0 matches.
std = a.std(correction=0)
assert abs(a.std().item() - std.item()) > 1e-3
print(f"std: {std.item():.6f}, default (n - 1): {a.std().item():.6f}")

# clamp: limit values to a range.
clamp = torch.clamp(a, -0.5, 0.5)
print(f"clamp: {clamp.max().item()}")

# cumsum: running sums along an axis.
cumsum = torch.cumsum(a, dim=1)
print(f"cumsum: {cumsum[:, -1].tolist()}")

# einsum: the same subscripts in both.
einsum = torch.einsum("ij,jk->ik", a, b)
print(f"einsum: {tuple(einsum.shape)}")

# int_divide: / of two integer tensors gives float32 in PyTorch, float64 in TensorFlow.
n = torch.tensor([7, -7])
d = torch.tensor([2, 2])
int_divide = n / d
assert int_divide.dtype == torch.float32
print(f"int_divide: {int_divide.tolist()}, {int_divide.dtype}")

# floor_divide: // rounds toward minus infinity in both.
floor_divide = n // 2
assert floor_divide.tolist() == [3, -4]
print(f"floor_divide: {floor_divide.tolist()}")

# topk: the k largest values and their indices along the last axis.
top_values, top_indices = torch.topk(a, 2)
topk = [top_values, top_indices]
print(f"topk: {top_indices.tolist()}")

# sort: descending=True in PyTorch, direction="DESCENDING" in TensorFlow.
sort = torch.sort(a, dim=1, descending=True).values
print(f"sort: {sort[:, 0].tolist()}")

# round_half: halves go to the even neighbour in both.
halves = torch.tensor([0.5, 1.5, 2.5, -0.5])
round_half = torch.round(halves)
assert round_half.tolist() == [0.0, 2.0, 2.0, -0.0]
print(f"round_half: {round_half.tolist()}")

# mean_int: PyTorch refuses the mean of integers; TensorFlow returns a truncated
# integer.
try:
    n.mean()
    raise AssertionError("the mean of an int64 tensor did not raise")
except RuntimeError as error:
    print(f"mean_int: RuntimeError: {str(error)[:70]}...")
k = torch.tensor([1, 2])
mean_int = k.float().mean()
print(f"mean_int: {mean_int.item()}")

# norm: the Euclidean norm of all elements.
norm = torch.linalg.vector_norm(a)
print(f"norm: {norm.item():.6f}")

# log1p: log(1 + x), exact near zero.
small = torch.tensor([1e-8, 1.0])
log1p = torch.log1p(small)
print(f"log1p: {log1p.tolist()}")

# logsumexp: log(sum(exp(x))) without overflow.
logsumexp = torch.logsumexp(a, dim=1)
print(f"logsumexp: {logsumexp.tolist()}")
