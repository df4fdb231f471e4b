import keras
import numpy as np
import tensorflow as tf

# On GPUs, TensorFlow may round float32 to TF32; switching that off keeps results to
# float32.
tf.config.experimental.enable_tensor_float_32_execution(False)

# The same seeded NumPy arrays in both files: 3 gate blocks in PyTorch's order r, z, n.
batch, steps, features, units = 2, 6, 3, 4
rng = np.random.default_rng(1)
x = rng.normal(size=(batch, steps, features)).astype("float32")
w_x = rng.normal(scale=0.5, size=(3, units, features)).astype("float32")
w_h = rng.normal(scale=0.5, size=(3, units, units)).astype("float32")
b_x = rng.normal(scale=0.1, size=(3, units)).astype("float32")
b_h = rng.normal(scale=0.1, size=(3, units)).astype("float32")

# Keras orders the blocks update z, reset r, candidate h, and transposes the kernels.
# With reset_after=True (the default) its bias has two rows, input and recurrent,
# because the reset gate multiplies the recurrent bias too: the two cannot be summed
# into one.
gru = keras.layers.GRU(units, return_sequences=True, return_state=True)
gru.build((batch, steps, features))


def load(order, biases):
    """Stack the gate blocks in the given order, transpose, and run the GRU."""
    gru.set_weights(
        [
            w_x[order].reshape(3 * units, features).T,
            w_h[order].reshape(3 * units, units).T,
            np.stack([bias[order].reshape(-1) for bias in biases]),
        ]
    )
    return [output.numpy() for output in gru(x)]


sequence, h = load([1, 0, 2], (b_x, b_h))  # z, r, h: Keras's order.
n_params = gru.count_params()
print(f"parameters: {n_params}")
print(f"last output of sequence 0: {sequence[0, -1]}")
assert np.array_equal(sequence[:, -1], h)  # proof: last-step

# The agreement box allows 1e-5. PyTorch's order loaded as it is, or the recurrent bias
# moved into the input bias (as an LSTM would allow), changes the output far more.
unordered = np.abs(load([0, 1, 2], (b_x, b_h))[0] - sequence).max()
merged = np.abs(load([1, 0, 2], (b_x + b_h, 0 * b_h))[0] - sequence).max()
print(f"largest change: PyTorch's order {unordered:.3f}, biases merged {merged:.3f}")
assert unordered > 1e-3  # proof: gate-order
assert merged > 1e-3  # proof: biases-apart
