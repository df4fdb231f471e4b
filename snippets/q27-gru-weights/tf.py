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
order = [1, 0, 2]
gru = keras.layers.GRU(units, return_sequences=True, return_state=True)
gru.build((batch, steps, features))
gru.set_weights(
    [
        w_x[order].reshape(3 * units, features).T,
        w_h[order].reshape(3 * units, units).T,
        np.stack([b_x[order].reshape(-1), b_h[order].reshape(-1)]),
    ]
)
n_params = gru.count_params()
print(f"parameters: {n_params}")

sequence, h = gru(x)
sequence, h = sequence.numpy(), h.numpy()
print(f"last output of sequence 0: {sequence[0, -1]}")
assert np.array_equal(sequence[:, -1], h)

# Moving the recurrent bias into the input bias, as an LSTM would allow, changes the
# output.
weights = gru.get_weights()
weights[2] = np.stack([weights[2].sum(axis=0), np.zeros(3 * units, "float32")])
gru.set_weights(weights)
merged, _ = gru(x)
assert not np.allclose(merged.numpy(), sequence, atol=1e-3)
