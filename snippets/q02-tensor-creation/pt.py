import torch

torch.manual_seed(0)
device = (
    torch.accelerator.current_accelerator()
    if torch.accelerator.is_available()
    else torch.device("cpu")
)

# A tensor has a shape, a dtype and a device; the default float dtype is float32.
matrix = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], device=device)
print(f"shape: {tuple(matrix.shape)}, dtype: {matrix.dtype}, device: {matrix.device}")
assert matrix.dtype == torch.float32  # proof: float-default
name = "cpu" if device.type == "cpu" else f"{device.type}:0"
assert str(matrix.device) == name  # proof: device-string

# Python integers give int64 in PyTorch, from a list or from arange, whatever their
# size. Without device=, a tensor is created in CPU memory, even where the matrix
# above is on an accelerator.
counts = torch.arange(6)
print(f"arange: {counts}, dtype: {counts.dtype}")
large = torch.tensor([2**40])
print(f"beyond the int32 range: {large.dtype}")
ints = (counts.dtype, torch.tensor([1, 2, 3]).dtype, large.dtype)
assert ints == (torch.int64, torch.int64, torch.int64)  # proof: int-dtype
assert counts.device.type == "cpu"  # proof: cpu-default

# Factory functions, reshaping and random tensors.
zeros = torch.zeros(2, 3)
reshaped = counts.reshape(2, 3)
noise = torch.rand(2, 3)
print(
    f"zeros: {tuple(zeros.shape)}, reshaped: {reshaped.tolist()}, noise range: [0, 1)"
)
assert bool((noise >= 0).all() and (noise < 1).all())

# PyTorch tensors are mutable: item assignment works, in-place methods end with an
# underscore.
matrix[0, 0] = 10.0
print("item assignment: allowed")
matrix.mul_(2)
result = matrix.cpu()
print(f"result: {result.tolist()}")
assert result.tolist() == [[20.0, 4.0, 6.0], [8.0, 10.0, 12.0]]  # proof: changed
