import numpy as np
import tensorflow as tf

# Python integers become int32 tensors in TensorFlow.
x = tf.constant([1, 2, 3])
y = x + 5
print(f"x + 5: {y}")  # proof: broadcast
print(f"shape: {tuple(y.shape)}, dtype: {y.dtype.name}")
# Only a value beyond the int32 range gives int64.
# proof: int-dtype
assert y.dtype == tf.int32 and tf.constant([2**40]).dtype == tf.int64

# tf.constant copies the array: writing to the array leaves the tensor alone.
array = np.array([1.0, 2.0, 3.0])
copied = tf.constant(array)
array[0] = 100.0
print(f"tf.constant after array[0] = 100: {copied}")
assert copied[0].numpy() == 1.0  # proof: array-to-tensor

# .numpy() returns a copy: writing to the array leaves the tensor alone.
view = copied.numpy()
view[1] = -1.0
print(f"tensor after writing to its .numpy(): {copied}")
assert copied[1].numpy() == 2.0  # proof: tensor-to-numpy

# Tensors are immutable: setting an element fails; a tf.Variable holds state that
# changes.
try:
    x[0] = 10
    mutable = True
except TypeError as error:
    mutable = False
    print(f"setting element 0 of a tensor: TypeError: {error}")
assert not mutable  # proof: mutability
variable = tf.Variable(x)
variable[0].assign(10)
print(f"after setting element 0 to 10: {variable.numpy()} (a tf.Variable)")
assert variable[0].numpy() == 10  # proof: variable-assign

# A float64 array stays float64; the default for Python floats is float32.
print(f"dtype from a float64 array: {copied.dtype.name}")
print(f"dtype from Python floats: {tf.constant([1.0]).dtype.name}")
# proof: float-dtypes
assert copied.dtype == tf.float64 and tf.constant([1.0]).dtype == tf.float32
