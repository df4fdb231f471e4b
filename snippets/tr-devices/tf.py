import keras
import numpy as np
import tensorflow as tf

# threads: set before any work; TensorFlow refuses the change once it has run an op.
tf.config.threading.set_intra_op_parallelism_threads(1)
threads = tf.config.threading.get_intra_op_parallelism_threads()
print(f"threads: {threads}")

# pick_device: PyTorch runs where you put the tensors; TensorFlow puts ops on a GPU by
# itself when it sees one.
gpus = tf.config.list_logical_devices("GPU")
# Full float32 on GPUs too (no TF32).
assert tf.config.experimental.tensor_float_32_execution_enabled()  # The default.
tf.config.experimental.enable_tensor_float_32_execution(False)
# The same seeded inputs in both files: every row below is compared with the PyTorch
# file.
rng = np.random.default_rng(0)
a = rng.standard_normal((3, 4)).astype(np.float32)
b = rng.standard_normal((4, 2)).astype(np.float32)
t = tf.constant(a)
pick_device = t @ tf.constant(b)
assert ("GPU" in pick_device.device) == bool(gpus)
print(f"pick_device: computed on {pick_device.device}")

# to_cpu: move a tensor, or run ops on the CPU.
with tf.device("/CPU:0"):
    to_cpu = tf.identity(t) @ tf.constant(b)
assert to_cpu.device.endswith("CPU:0")
print(f"to_cpu: {to_cpu.device}")
try:
    tf.config.threading.set_intra_op_parallelism_threads(2)
    raise AssertionError("changing the thread count after the first op did not raise")
except RuntimeError as error:
    print(f"threads: set after the first op: RuntimeError: {error}")

# default_dtype: PyTorch's default changes what factory functions make; Keras's floatx
# changes Keras layers and variables only, not tf.constant.
keras.config.set_floatx("float64")
assert tf.constant(1.0).dtype == tf.float32
layer = keras.layers.Dense(2)
layer.build((None, 4))
layer.set_weights([b.astype(np.float64), np.zeros(2)])
default_dtype = layer(tf.cast(t, tf.float64))
assert default_dtype.dtype == tf.float64 and layer.kernel.dtype == "float64"
keras.config.set_floatx("float32")
print(f"default_dtype: {default_dtype.dtype.name}")

# half: float16 rounding is the same in both.
half = tf.cast(tf.cast(t, tf.float16), tf.float32)
print(f"half: {half[0].numpy().tolist()}")

# bfloat16: bfloat16 rounding (to nearest, ties to even) is the same in both.
bfloat16 = tf.cast(tf.cast(t, tf.bfloat16), tf.float32)
tie = tf.constant([1 + 2**-8, 1 + 3 * 2**-8])  # Halfway between bfloat16s.
assert tf.cast(tf.cast(tie, tf.bfloat16), tf.float32).numpy().tolist() == [
    1.0,
    1 + 2**-6,
]
print(f"bfloat16: {bfloat16[0].numpy().tolist()}")

# autocast: PyTorch picks a dtype per op inside the block; a Keras dtype policy gives
# each layer a compute dtype and keeps its variables in float32.
dense = keras.layers.Dense(2, dtype="mixed_bfloat16")
dense.build((None, 4))
dense.set_weights([b, np.zeros(2, np.float32)])
mixed = dense(t)
assert mixed.dtype == tf.bfloat16 and dense.kernel.dtype == "float32"
autocast = tf.cast(mixed, tf.float32)
print(f"autocast: output {mixed.dtype.name}, weights {dense.kernel.dtype}")

# grad_scaler: scale the loss up, the gradients back down; the step is the one without
# scaling.
w = tf.Variable(b)
opt = keras.optimizers.LossScaleOptimizer(
    keras.optimizers.SGD(learning_rate=0.1), initial_scale=1024.0
)
with tf.GradientTape() as tape:
    loss = tf.reduce_mean(tf.square(t @ w))
    scaled = opt.scale_loss(loss)
opt.apply_gradients([(tape.gradient(scaled, w), w)])
grad_scaler = w
plain = tf.Variable(b)
with tf.GradientTape() as tape:
    loss = tf.reduce_mean(tf.square(t @ plain))
step = plain - 0.1 * tape.gradient(loss, plain)  # The unscaled SGD step.
assert float(tf.reduce_max(tf.abs(grad_scaler - step))) < 1e-7
print(f"grad_scaler: {grad_scaler[0].numpy().tolist()}")

# tf32: TensorFlow allows TF32 by default (used on Ampere or newer GPUs); PyTorch's
# matmuls stay float32 unless asked (asserted at the top), its cuDNN convolutions and
# RNNs allow TF32.
tf.config.experimental.enable_tensor_float_32_execution(True)
assert tf.config.experimental.tensor_float_32_execution_enabled()
# And back to full float32.
tf.config.experimental.enable_tensor_float_32_execution(False)
tf32 = pick_device
print(f"tf32: enabled {tf.config.experimental.tensor_float_32_execution_enabled()}")

# determinism: ask for deterministic kernels, or an error where none exists.
tf.config.experimental.enable_op_determinism()
determinism = tf.reduce_sum(t, axis=0)
assert bool(tf.reduce_all(determinism == tf.reduce_sum(t, axis=0)))
print(f"determinism: {determinism.numpy().tolist()}")
