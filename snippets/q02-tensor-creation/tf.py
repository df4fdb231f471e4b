import keras
import tensorflow as tf

keras.utils.set_random_seed(0)

# A tensor has a shape, a dtype and a device; the default float dtype is float32.
matrix = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
print(
    f"shape: {tuple(matrix.shape)}, dtype: {matrix.dtype.name}, device: {matrix.device}"
)
assert matrix.dtype == tf.float32  # proof: float-default
name = "GPU:0" if tf.config.list_physical_devices("GPU") else "CPU:0"
# proof: device-string
assert matrix.device == f"/job:localhost/replica:0/task:0/device:{name}"

# Python integers give int32 in TensorFlow, from a list or from range; only a value
# beyond the int32 range gives int64.
counts = tf.range(6)
print(f"arange: {counts}, dtype: {counts.dtype.name}")
large = tf.constant([2**40])
print(f"beyond the int32 range: {large.dtype.name}")
ints = (counts.dtype, tf.constant([1, 2, 3]).dtype, large.dtype)
assert ints == (tf.int32, tf.int32, tf.int64)  # proof: int-dtype

# Factory functions, reshaping and random tensors.
zeros = tf.zeros((2, 3))
reshaped = tf.reshape(counts, (2, 3))
noise = tf.random.uniform((2, 3))
print(
    f"zeros: {tuple(zeros.shape)}, reshaped: {reshaped.numpy().tolist()}, noise range: "
    "[0, 1)"
)
assert bool(tf.reduce_all((noise >= 0) & (noise < 1)))

# TensorFlow tensors are immutable: a tf.Variable holds state that changes.
try:
    matrix[0, 0] = 10.0
    assigned = True
except TypeError as error:
    assigned = False
    print(f"item assignment: TypeError: {error}")
assert not assigned  # proof: immutable
matrix = tf.Variable(matrix)
matrix[0, 0].assign(10.0)
matrix.assign(matrix * 2)
result = matrix.numpy()
print(f"result: {result.tolist()}")
assert result.tolist() == [[20.0, 4.0, 6.0], [8.0, 10.0, 12.0]]  # proof: changed
