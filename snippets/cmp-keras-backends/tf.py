import os

# Keras 3 picks its backend once, at import, from KERAS_BACKEND.
os.environ["KERAS_BACKEND"] = "tensorflow"

import keras  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

# Full float32 matmuls on a GPU as well, so the two files can agree to 1e-5
# (already PyTorch's default; TensorFlow's default is TF32 where the GPU has it).
# proof: tf32-default
assert tf.config.experimental.tensor_float_32_execution_enabled()
tf.config.experimental.enable_tensor_float_32_execution(False)

# The same Keras code in both files; constant initial weights make the runs comparable.
model = keras.Sequential(
    [keras.Input(shape=(4,)), keras.layers.Dense(1, kernel_initializer="ones")]
)
model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.01), loss="mse")
x = np.arange(32, dtype="float32").reshape(8, 4) / 32
y = x.sum(axis=1, keepdims=True) * 0.5
history = model.fit(x, y, epochs=3, batch_size=8, verbose=0)
loss = history.history["loss"]
output = model(x[:2])

print(f"backend: {keras.config.backend()}")
# compile() leaves run_eagerly=False, so fit traces its step with tf.function;
# jit_compile="auto" adds XLA only where a GPU is visible.
print(f"run_eagerly: {model.run_eagerly}, jit_compile: {model.jit_compile}")
gpus = tf.config.list_physical_devices("GPU")
assert model.run_eagerly is False and model.jit_compile == bool(gpus)  # proof: jit-auto
print(f"losses: {np.round(loss, 6).tolist()}")  # proof: same-losses
print(f"output type: {type(output).__module__}.{type(output).__name__}")
# Keras variables wrap the backend's own variable type.
weights = model.weights[0].value
print(f"weights stored as: {type(weights).__module__}.{type(weights).__name__}")
assert isinstance(output, tf.Tensor)
assert isinstance(weights, tf.Variable)  # proof: backend-variables
