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
t = torch.tensor(rng.standard_normal((2, 6)).astype(np.float32))
cube = torch.tensor(rng.standard_normal((2, 3, 4)).astype(np.float32))

# reshape: a new shape with the same elements in row-major order.
reshape = t.reshape(3, 4)
print(f"reshape: {tuple(reshape.shape)}")

# flatten: -1 stands for the size that fits, in both.
flatten = t.view(-1)
print(f"flatten: {tuple(flatten.shape)}")

# transpose: PyTorch swaps two dimensions; tf.transpose takes a whole permutation.
transpose = cube.transpose(1, 2)
print(f"transpose: {tuple(transpose.shape)}")

# permute: any order of the dimensions.
permute = cube.permute(2, 0, 1)
print(f"permute: {tuple(permute.shape)}")

# unsqueeze: a new axis of size 1.
unsqueeze = t.unsqueeze(1)
print(f"unsqueeze: {tuple(unsqueeze.shape)}")

# squeeze: PyTorch ignores a named dimension that is not 1; TensorFlow raises.
x = t.unsqueeze(1)
squeeze = x.squeeze(1)
assert t.squeeze(0).shape == t.shape
print(f"squeeze: {tuple(squeeze.shape)}")

# cat: join along an existing axis (dim= in PyTorch, axis= in TensorFlow).
cat = torch.cat([t, t], dim=0)
print(f"cat: {tuple(cat.shape)}")

# stack: join along a new axis.
stack = torch.stack([t, t], dim=1)
print(f"stack: {tuple(stack.shape)}")

# split: an integer is the size of each piece in PyTorch, the number of pieces in
# TensorFlow.
split = torch.split(t, 2, dim=1)
assert len(split) == 3 and split[0].shape == (2, 2)
print(f"split: {len(split)} pieces of {tuple(split[0].shape)}")

# slicing: start:stop:step works the same for positive steps.
slicing = t[1:, ::2]
print(f"slicing: {tuple(slicing.shape)}")

# flip: PyTorch rejects a negative step; torch.flip reverses.
try:
    t[:, ::-1]
    raise AssertionError("a negative step did not raise")
except ValueError as error:
    print(f"flip: [:, ::-1] raises ValueError: {error}")
flip = torch.flip(t, dims=[1])
print(f"flip: {flip[0, 0].item():.4f}")

# list_index: a list of indices inside [] works in PyTorch; TensorFlow uses tf.gather.
list_index = t[:, [0, 2]]
print(f"list_index: {tuple(list_index.shape)}")

# bool_mask: the elements where a mask is True, as one flat tensor.
bool_mask = t[t > 0]
print(f"bool_mask: {tuple(bool_mask.shape)}")

# scatter_item: PyTorch writes in place; a TensorFlow tensor is immutable.
x = t.clone()  # A copy, so that t stays as it was for the rows below.
x[0, 0] = 5.0
scatter_item = x
print(f"scatter_item: {scatter_item[0, 0].item()}")

# where: pick from two tensors by a condition.
where = torch.where(t > 0, t, torch.zeros_like(t))
print(f"where: {where.count_nonzero().item()} nonzero")

# tile: Tensor.repeat copies the whole tensor, like np.tile.
tile = t.repeat(2, 1)
print(f"tile: {tuple(tile.shape)}")

# repeat_interleave: each element repeated in place, like np.repeat.
repeat_interleave = torch.tensor([1, 2, 3]).repeat_interleave(2)
print(f"repeat_interleave: {repeat_interleave.tolist()}")

# gather: values at per-row index along an axis.
index = torch.tensor([[0, 5], [1, 4]])
gather = torch.gather(t, 1, index)
print(f"gather: {tuple(gather.shape)}")
