import keras
import numpy as np
import tensorflow as tf

# The same seeded inputs in both files: every row below is compared with the PyTorch
# file.
rng = np.random.default_rng(0)
x = tf.constant((rng.standard_normal((2, 5)) * 3).astype(np.float32))
minus_one = tf.constant([-1.0])

# relu: max(x, 0).
relu = keras.activations.relu(x)
print(f"relu: {relu[0].numpy().tolist()}")

# gelu: the exact (erf) form is the default of both.
gelu = keras.activations.gelu(x)
print(f"gelu: {gelu[0].numpy().tolist()}")

# gelu_tanh: the tanh approximation, on request in both.
gelu_tanh = keras.activations.gelu(x, approximate=True)
print(f"gelu_tanh: {gelu_tanh[0].numpy().tolist()}")

# softmax: PyTorch wants dim=; without it, it warns and guesses.
softmax = keras.activations.softmax(x)  # axis=-1 by default.
print(f"softmax: {softmax[0].numpy().tolist()}")

# log_softmax: log(softmax(x)) computed stably.
log_softmax = keras.activations.log_softmax(x)
print(f"log_softmax: {log_softmax[0].numpy().tolist()}")

# sigmoid: 1 / (1 + exp(-x)).
sigmoid = keras.activations.sigmoid(x)
print(f"sigmoid: {sigmoid[0].numpy().tolist()}")

# tanh: the hyperbolic tangent.
tanh = keras.activations.tanh(x)
print(f"tanh: {tanh[0].numpy().tolist()}")

# leaky_relu: the negative slope defaults to 0.01 in PyTorch, 0.3 in
# keras.layers.LeakyReLU and 0.2 in keras.activations.leaky_relu.
assert np.isclose(keras.layers.LeakyReLU()(minus_one).numpy()[0], -0.3)
assert np.isclose(keras.activations.leaky_relu(minus_one).numpy()[0], -0.2)
leaky_relu = keras.layers.LeakyReLU(negative_slope=0.01)(x)
print(f"leaky_relu: {leaky_relu[0].numpy().tolist()}")

# elu: alpha 1.0 in both.
elu = keras.activations.elu(x)
print(f"elu: {elu[0].numpy().tolist()}")

# silu: x * sigmoid(x), also called swish.
silu = keras.activations.silu(x)
print(f"silu: {silu[0].numpy().tolist()}")

# softplus: log(1 + exp(x)); PyTorch switches to x above threshold=20.
softplus = keras.activations.softplus(x)
print(f"softplus: {softplus[0].numpy().tolist()}")

# hard_sigmoid: relu6(x + 3) / 6 in both (Keras 3).
hard_sigmoid = keras.activations.hard_sigmoid(x)
print(f"hard_sigmoid: {hard_sigmoid[0].numpy().tolist()}")

# relu6: min(max(x, 0), 6).
relu6 = keras.activations.relu6(x)
print(f"relu6: {relu6[0].numpy().tolist()}")
