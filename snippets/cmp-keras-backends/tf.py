import os

# Keras 3 picks its backend once, at import, from KERAS_BACKEND.
os.environ["KERAS_BACKEND"] = "tensorflow"

import keras  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

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
print(f"losses: {np.round(loss, 6).tolist()}")
print(f"output type: {type(output).__module__}.{type(output).__name__}")
# Keras variables wrap the backend's own variable type.
weights = model.weights[0].value
print(f"weights stored as: {type(weights).__module__}.{type(weights).__name__}")
assert isinstance(output, tf.Tensor)
assert isinstance(weights, tf.Variable)
