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


def load(order, bias):
    """Stack the gate blocks in the given order, transpose, and run the LSTM."""
    lstm.set_weights(
        [
            w_x[order].reshape(4 * units, features).T,
            w_h[order].reshape(4 * units, units).T,
            bias[order].reshape(-1),
        ]
    )
    return [output.numpy() for output in lstm(x)]


sequence, h, c = load([0, 1, 2, 3], b_x + b_h)  # i, f, g, o: PyTorch's order.
print(f"last output of sequence 0: {sequence[0, -1]}")
print(f"h: {tuple(h.shape)}, c: {tuple(c.shape)}")
assert np.array_equal(sequence[:, -1], h)  # proof: last-step

# The agreement box allows 1e-5; each near miss moves the outputs much further: two
# gate blocks swapped (f and g), or the input bias alone instead of the sum.
swapped = np.abs(load([0, 2, 1, 3], b_x + b_h)[0] - sequence).max()
input_bias_only = np.abs(load([0, 1, 2, 3], b_x)[0] - sequence).max()
print(f"largest change: f, g swapped {swapped:.3f}, b_x only {input_bias_only:.3f}")
assert swapped > 1e-3  # proof: gate-order
assert input_bias_only > 1e-3  # proof: bias-sum
