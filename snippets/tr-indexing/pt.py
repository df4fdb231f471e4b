import numpy as np
import torch

device = (
    torch.accelerator.current_accelerator()
    if torch.accelerator.is_available()
    else torch.device("cpu")
)
# The same seeded inputs in both files: every row below is compared with the TensorFlow
# file.
rng = np.random.default_rng(0)
matrix = torch.tensor(rng.standard_normal((2, 6)).astype(np.float32), device=device)
cube = torch.tensor(rng.standard_normal((2, 3, 4)).astype(np.float32), device=device)

# reshape: a new shape with the same elements in row-major order.
reshape = matrix.reshape(3, 4)
print(f"reshape: {tuple(reshape.shape)}")

# flatten: -1 stands for the size that fits, in both.
flatten = matrix.view(-1)
print(f"flatten: {tuple(flatten.shape)}")

# transpose: PyTorch swaps two dimensions; tf.transpose takes a whole permutation.
transpose = cube.transpose(1, 2)
print(f"transpose: {tuple(transpose.shape)}")

# permute: any order of the dimensions.
permute = cube.permute(2, 0, 1)
print(f"permute: {tuple(permute.shape)}")

# unsqueeze: a new axis of size 1.
unsqueeze = matrix.unsqueeze(1)
print(f"unsqueeze: {tuple(unsqueeze.shape)}")

# squeeze: PyTorch ignores a named dimension that is not 1; TensorFlow raises.
squeeze = unsqueeze.squeeze(1)
assert matrix.squeeze(0).shape == matrix.shape
print(f"squeeze: {tuple(squeeze.shape)}")

# cat: join along an existing axis (dim= in PyTorch, axis= in TensorFlow).
cat = torch.cat([matrix, matrix], dim=0)
print(f"cat: {tuple(cat.shape)}")

# stack: join along a new axis.
stack = torch.stack([matrix, matrix], dim=1)
print(f"stack: {tuple(stack.shape)}")

# split: an integer is the size of each piece in PyTorch, the number of pieces in
# TensorFlow.
split = torch.split(matrix, 2, dim=1)
assert len(split) == 3 and split[0].shape == (2, 2)
print(f"split: {len(split)} pieces of {tuple(split[0].shape)}")

# slicing: start:stop:step works the same for positive steps.
slicing = matrix[1:, ::2]
print(f"slicing: {tuple(slicing.shape)}")

# flip: PyTorch rejects a negative step; torch.flip reverses.
try:
    matrix[:, ::-1]
    raise AssertionError("a negative step did not raise")
except ValueError as error:
    print(f"flip: [:, ::-1] raises ValueError: {error}")
flip = torch.flip(matrix, dims=[1])
print(f"flip: {flip[0, 0].item():.4f}")

# list_index: a list of indices inside [] works in PyTorch; TensorFlow uses tf.gather.
list_index = matrix[:, [0, 2]]
print(f"list_index: {tuple(list_index.shape)}")

# bool_mask: the elements where a mask is True, as one flat tensor.
bool_mask = matrix[matrix > 0]
print(f"bool_mask: {tuple(bool_mask.shape)}")

# scatter_item: PyTorch writes in place; a TensorFlow tensor is immutable.
scatter_item = matrix.clone()
scatter_item[0, 0] = 5.0
print(f"scatter_item: {scatter_item[0, 0].item()}")

# where: pick from two tensors by a condition.
where = torch.where(matrix > 0, matrix, torch.zeros_like(matrix))
print(f"where: {where.count_nonzero().item()} nonzero")

# tile: Tensor.repeat copies the whole tensor, like np.tile.
tile = matrix.repeat(2, 1)
print(f"tile: {tuple(tile.shape)}")

# repeat_interleave: each element repeated in place, like np.repeat.
repeat_interleave = torch.tensor([1, 2, 3], device=device).repeat_interleave(2)
print(f"repeat_interleave: {repeat_interleave.tolist()}")

# gather: values at per-row indices along an axis.
indices = torch.tensor([[0, 5], [1, 4]], device=device)
gather = torch.gather(matrix, 1, indices)
print(f"gather: {tuple(gather.shape)}")
