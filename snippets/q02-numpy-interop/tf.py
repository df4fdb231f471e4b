import keras
import numpy as np
import tensorflow as tf

# NumPy makes float64 arrays, and TensorFlow keeps that dtype when it converts one.
array = np.array([1.0, 2.0, 3.0])
tensor = tf.convert_to_tensor(array)
print(f"array dtype: {array.dtype}, tensor dtype: {tensor.dtype.name}")
assert tensor.dtype == tf.float64  # proof: float64-kept

# tf.convert_to_tensor copies: a write to the array does not show in the tensor.
array[0] = 100.0
print(f"tensor after array[0] = 100: {tensor}")
assert tensor[0].numpy() == 1.0  # proof: array-to-tensor

# .numpy() copies too; tensors are immutable, so only the copy can change.
back = tensor.numpy()
back[1] = -1.0
print(f"tensor after writing to its numpy result: {tensor}")
assert tensor[1].numpy() == 2.0  # proof: tensor-to-numpy

# Asking for float32 converts while copying; tf.constant copies as well.
as_float32 = tf.convert_to_tensor(array, dtype=tf.float32)
copied = tf.constant(array)
array[2] = -1.0
print(f"float32 copy after array[2] = -1: {as_float32}")
assert as_float32[2].numpy() == 3.0 and copied[2].numpy() == 3.0  # proof: copies

# A Keras layer casts float64 input to its float32 compute dtype by itself.
layer = keras.layers.Dense(1)
try:
    layer(tf.reshape(tensor, (1, 3)))
    accepts_float64 = True
except TypeError as error:
    accepts_float64 = False
    print(f"float64 input: {type(error).__name__}: {error}")
output = layer(tf.reshape(tensor, (1, 3)))
print(f"accepts float64: {accepts_float64}, output dtype: {output.dtype.name}")
assert accepts_float64 and output.dtype == tf.float32  # proof: float64-layer
