import random

import keras
import numpy as np
import tensorflow as tf

# The same seeded inputs in both files: every row below is compared with the PyTorch
# file.
rng = np.random.default_rng(0)
data = rng.standard_normal((2, 3)).astype(np.float32)

# tensor: a tensor from nested lists; floats are float32 in both.
tensor = tf.constant([[1.0, 2.0], [3.0, 4.0]])
assert tensor.dtype == tf.float32
print(f"tensor: {tensor.numpy().tolist()}, {tensor.dtype.name}")

# int_default: Python integers become int64 in PyTorch, int32 in TensorFlow.
int_default = tf.constant([1, 2, 3])
assert int_default.dtype == tf.int32
print(f"int_default: {int_default.numpy().tolist()}, {int_default.dtype.name}")

# arange: integer ranges, int64 in PyTorch and int32 in TensorFlow.
arange = tf.range(0, 10, 3)
assert arange.dtype == tf.int32
print(f"arange: {arange.numpy().tolist()}, {arange.dtype.name}")

# zeros: PyTorch takes the sizes one by one or as a tuple, TensorFlow a shape.
zeros = tf.zeros((2, 3))
assert zeros.shape == (2, 3)
print(f"zeros: {zeros.numpy().tolist()}")

# ones_like: the shape and dtype of another tensor.
t = tf.constant(data)
ones_like = tf.ones_like(t)
print(f"ones_like: {ones_like.numpy().tolist()}")

# full: one value everywhere; TensorFlow calls it fill.
full = tf.fill((2, 2), 7.0)
print(f"full: {full.numpy().tolist()}")

# eye: the identity matrix.
eye = tf.eye(3)
print(f"eye: {eye.numpy().tolist()}")

# linspace: evenly spaced values, both ends included.
linspace = tf.linspace(0.0, 1.0, 5)
assert linspace.dtype == tf.float32
print(f"linspace: {linspace.numpy().tolist()}")

# from_numpy: PyTorch shares the array's memory, TensorFlow copies it.
array = data.copy()
from_numpy = tf.convert_to_tensor(array)
array[0, 0] = 100.0
assert from_numpy[0, 0].numpy() == data[0, 0]  # The write does not show.
array[0, 0] = data[0, 0]
print(f"from_numpy: {from_numpy.numpy().tolist()}, {from_numpy.dtype.name}")

# cast: float to integer truncates toward zero in both.
t = tf.constant([-1.7, -0.5, 0.5, 1.7])
cast = tf.cast(t, tf.int32)
assert cast.numpy().tolist() == [-1, 0, 0, 1]
print(f"cast: {cast.numpy().tolist()}")

# promotion: PyTorch promotes int + float to float; TensorFlow needs an explicit cast.
counts = tf.constant([1, 2])
try:
    counts + 0.5
    raise AssertionError("int32 + 0.5 did not raise")
except (TypeError, ValueError, tf.errors.InvalidArgumentError) as error:
    print(f"promotion: int32 + 0.5 raises {type(error).__name__}")
promotion = tf.cast(counts, tf.float32) + 0.5
print(f"promotion: {promotion.numpy().tolist()}, {promotion.dtype.name}")

# rand: the same seed gives different numbers in the two frameworks; only shape and
# range match.
keras.utils.set_random_seed(0)
uniform = tf.random.uniform((1000,))
assert uniform.dtype == tf.float32
rand = [list(uniform.shape), bool(tf.reduce_all((uniform >= 0) & (uniform < 1)))]
print(f"rand: shape and range {rand}, first value {uniform[0].numpy():.4f}")

# seed: reseeding repeats the draws; keras.utils.set_random_seed also seeds NumPy and
# random.
np.random.seed(0)
random.seed(0)
expected = (np.random.rand(), random.random())
np.random.seed(1)
random.seed(1)
keras.utils.set_random_seed(0)
assert (np.random.rand(), random.random()) == expected  # Seed 0's draws, not seed 1's.
keras.utils.set_random_seed(0)
first = tf.random.uniform((3,))
keras.utils.set_random_seed(0)
seed = bool(tf.reduce_all(first == tf.random.uniform((3,))))
assert seed
print(f"seed: draws repeat after reseeding: {seed}")

# to_numpy: a tensor that requires grad, or lives on a GPU, must be detached and moved
# first.
t = tf.Variable(data)
to_numpy = t.numpy()
print(f"to_numpy: {to_numpy.dtype}, {to_numpy.shape}")

# item: a one-element tensor to a Python number.
t = tf.reduce_sum(tf.constant(data))
item = float(t)
assert isinstance(item, float)
print(f"item: {item:.6f}")

# clone: a copy that does not share memory.
t = tf.Variable(data)
clone = tf.identity(t)
t[0, 0].assign(0.0)
assert clone[0, 0].numpy() == data[0, 0]
print(f"clone: {clone.numpy().tolist()}")
