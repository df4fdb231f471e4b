import keras
import numpy as np

keras.utils.set_random_seed(0)

# 784 pixels in, 128 hidden units with ReLU, 10 class scores (logits) out.
# Keras needs the input size up front (keras.Input) to create the weights.
model = keras.Sequential(
    [
        keras.Input(shape=(784,)),
        keras.layers.Dense(128, activation="relu"),
        keras.layers.Dense(10),
    ]
)
model.summary()

n_params = model.count_params()
print(f"parameters: {n_params}")
assert n_params == 784 * 128 + 128 + 128 * 10 + 10  # proof: param-count

# Dense is told only its output size, so it creates its weights when it first sees an
# input.
new_layer_weights = len(keras.layers.Dense(128).weights)
print(f"weights of a layer before it sees an input: {new_layer_weights}")
assert new_layer_weights == 0  # proof: lazy-weights

# The kernel is stored (in, out), and the layer computes x @ W + b (then its ReLU).
x = keras.random.uniform((2, 784))
hidden = model.layers[0]
w, b = hidden.kernel.numpy(), hidden.bias.numpy()
print(f"hidden weight: {w.shape} (in, out)")
assert w.shape == (784, 128)  # proof: layout
# proof: formula
assert np.allclose(hidden(x).numpy(), np.maximum(x.numpy() @ w + b, 0), atol=1e-5)

logits = model(x)
print(f"output shape: {tuple(logits.shape)}")
# Logits, not probabilities: no softmax at the end, so some scores are negative.
assert float(keras.ops.min(logits)) < 0  # proof: logits
