import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(0)
# Since TensorFlow 2.16, tf.keras is Keras 3: the same classes as `import keras`.
assert tf.keras.layers.LSTM is keras.layers.LSTM  # proof: tf-keras

# A batch of 6 sequences, each 7 steps long with 3 features per step.
batch, steps, features, units = 6, 7, 3, 5
x = np.random.default_rng(0).normal(size=(batch, steps, features)).astype("float32")

# Keras recurrent layers always read (batch, steps, features) and infer the feature
# size.
rnn = keras.layers.SimpleRNN(units)
lstm = keras.layers.LSTM(units, return_sequences=True, return_state=True)
gru = keras.layers.GRU(units)

# Keras returns the last output only, unless return_sequences/return_state ask for more.
sequence, h, c = lstm(x)
print(
    f"LSTM sequence: {tuple(sequence.shape)}, h: {tuple(h.shape)}, c: {tuple(c.shape)}"
)
# proof: returns
assert sequence.shape == (batch, steps, units) and h.shape == (batch, units)
# The final hidden state is the last step of the sequence.
assert np.array_equal(sequence[:, -1], h)
# By default a layer returns the last output alone.
print(f"GRU default output: {tuple(gru(x).shape)}")
assert gru(x).shape == (batch, units)  # proof: last-only

# Keras keeps one bias per gate block; GRU's default reset_after=True adds a second one.
print(f"LSTM weights: {[w.name for w in lstm.weights]}")
params = {"layer": [], "weights": [], "biases": []}
for name, layer in [("RNN", rnn), ("LSTM", lstm), ("GRU", gru)]:
    layer(x)  # Builds the layer's weights.
    params["layer"].append(name)
    params["weights"].append(
        sum(w.numpy().size for w in layer.weights if "kernel" in w.path)
    )
    params["biases"].append(
        sum(w.numpy().size for w in layer.weights if "bias" in w.path)
    )
    print(f"{name}: {params['weights'][-1]} weights + {params['biases'][-1]} biases")

# The weight counts agree across the frameworks; the bias counts do not.
n_weights = params["weights"]
# Gate blocks: 1 for SimpleRNN, 4 for LSTM, 3 for GRU; one bias per block, two for GRU.
gates = [1, 4, 3]
# proof: weights
assert params["weights"] == [g * units * (features + units) for g in gates]
assert params["biases"] == [units, 4 * units, 2 * 3 * units]  # proof: biases
assert gru.reset_after is True
old_gru = keras.layers.GRU(units, reset_after=False)
old_gru(x)
print(f"GRU(reset_after=False): {old_gru.count_params()} parameters")
# proof: old-gru
assert old_gru.count_params() == 3 * units * (features + units) + 3 * units
