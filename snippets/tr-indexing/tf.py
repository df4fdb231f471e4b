import numpy as np
import tensorflow as tf

# The same seeded inputs in both files: every row below is compared with the PyTorch
# file.
rng = np.random.default_rng(0)
t = tf.constant(rng.standard_normal((2, 6)).astype(np.float32))
cube = tf.constant(rng.standard_normal((2, 3, 4)).astype(np.float32))

# reshape: a new shape with the same elements in row-major order.
reshape = tf.reshape(t, (3, 4))
print(f"reshape: {tuple(reshape.shape)}")

# flatten: -1 stands for the size that fits, in both.
flatten = tf.reshape(t, [-1])
print(f"flatten: {tuple(flatten.shape)}")

# transpose: PyTorch swaps two dimensions; tf.transpose takes a whole permutation.
transpose = tf.transpose(cube, perm=[0, 2, 1])
assert tf.transpose(cube).shape == (4, 3, 2)  # Without perm, every axis is reversed.
print(f"transpose: {tuple(transpose.shape)}")

# permute: any order of the dimensions.
permute = tf.transpose(cube, perm=[2, 0, 1])
print(f"permute: {tuple(permute.shape)}")

# unsqueeze: a new axis of size 1.
unsqueeze = tf.expand_dims(t, 1)
print(f"unsqueeze: {tuple(unsqueeze.shape)}")

# squeeze: PyTorch ignores a named dimension that is not 1; TensorFlow raises.
x = tf.expand_dims(t, 1)
squeeze = tf.squeeze(x, axis=1)
try:
    tf.squeeze(t, axis=0)
    raise AssertionError("squeezing a dimension of size 2 did not raise")
except (ValueError, tf.errors.InvalidArgumentError) as error:
    print(f"squeeze: axis of size 2 raises {type(error).__name__}")
print(f"squeeze: {tuple(squeeze.shape)}")

# cat: join along an existing axis (dim= in PyTorch, axis= in TensorFlow).
cat = tf.concat([t, t], axis=0)
print(f"cat: {tuple(cat.shape)}")

# stack: join along a new axis.
stack = tf.stack([t, t], axis=1)
print(f"stack: {tuple(stack.shape)}")

# split: an integer is the size of each piece in PyTorch, the number of pieces in
# TensorFlow.
split = tf.split(t, 3, axis=1)
assert len(split) == 3 and split[0].shape == (2, 2)
assert len(tf.split(t, 2, axis=1)) == 2
print(f"split: {len(split)} pieces of {tuple(split[0].shape)}")

# slicing: start:stop:step works the same for positive steps.
slicing = t[1:, ::2]
print(f"slicing: {tuple(slicing.shape)}")

# flip: PyTorch rejects a negative step; torch.flip reverses.
flip = t[:, ::-1]
assert bool(tf.reduce_all(flip == tf.reverse(t, axis=[1])))
print(f"flip: {flip[0, 0].numpy():.4f}")

# list_index: a list of indices inside [] works in PyTorch; TensorFlow uses tf.gather.
try:
    t[:, [0, 2]]
    raise AssertionError("a list index did not raise")
except TypeError as error:
    print(f"list_index: [:, [0, 2]] raises TypeError: {str(error)[:60]}...")
list_index = tf.gather(t, [0, 2], axis=1)
print(f"list_index: {tuple(list_index.shape)}")

# bool_mask: the elements where a mask is True, as one flat tensor.
bool_mask = t[t > 0]  # A boolean mask inside [] works in TensorFlow too.
assert bool(tf.reduce_all(bool_mask == tf.boolean_mask(t, t > 0)))
print(f"bool_mask: {tuple(bool_mask.shape)}")

# scatter_item: PyTorch writes in place; a TensorFlow tensor is immutable.
x = t  # Immutable: nothing can change t through x.
try:
    x[0, 0] = 5.0
    raise AssertionError("item assignment did not raise")
except TypeError as error:
    print(f"scatter_item: x[0, 0] = 5.0 raises TypeError: {error}")
scatter_item = tf.tensor_scatter_nd_update(x, [[0, 0]], [5.0])
print(f"scatter_item: {scatter_item[0, 0].numpy()}")

# where: pick from two tensors by a condition.
where = tf.where(t > 0, t, tf.zeros_like(t))
print(f"where: {tf.math.count_nonzero(where).numpy()} nonzero")

# tile: Tensor.repeat copies the whole tensor, like np.tile.
tile = tf.tile(t, (2, 1))
print(f"tile: {tuple(tile.shape)}")

# repeat_interleave: each element repeated in place, like np.repeat.
repeat_interleave = tf.repeat(tf.constant([1, 2, 3]), 2)
print(f"repeat_interleave: {repeat_interleave.numpy().tolist()}")

# gather: values at per-row index along an axis.
index = tf.constant([[0, 5], [1, 4]])
gather = tf.gather(t, index, batch_dims=1)
print(f"gather: {tuple(gather.shape)}")
