import keras
import numpy as np
import tensorflow as tf

# On GPUs, TensorFlow may round float32 to TF32; switching that off keeps results to
# float32.
tf.config.experimental.enable_tensor_float_32_execution(False)

# The same seeded NumPy arrays in both files: 4 gate blocks in the order i, f, g (or
# c), o.
batch, steps, features, units = 2, 6, 3, 4
rng = np.random.default_rng(0)
x = rng.normal(size=(batch, steps, features)).astype("float32")
w_x = rng.normal(scale=0.5, size=(4, units, features)).astype("float32")
w_h = rng.normal(scale=0.5, size=(4, units, units)).astype("float32")
b_x = rng.normal(scale=0.1, size=(4, units)).astype("float32")
b_h = rng.normal(scale=0.1, size=(4, units)).astype("float32")

# Keras stores (inputs, 4 * units) kernels, the transpose, and a single bias: only the
# sum of PyTorch's two biases ever matters, so that sum is what Keras receives.
lstm = keras.layers.LSTM(units, return_sequences=True, return_state=True)
lstm.build((batch, steps, features))
lstm.set_weights(
    [
        w_x.reshape(4 * units, features).T,
        w_h.reshape(4 * units, units).T,
        (b_x + b_h).reshape(-1),
    ]
)

sequence, h, c = lstm(x)
sequence, h, c = sequence.numpy(), h.numpy(), c.numpy()
print(f"last output of sequence 0: {sequence[0, -1]}")
print(f"h: {tuple(h.shape)}, c: {tuple(c.shape)}")
assert np.array_equal(sequence[:, -1], h)
