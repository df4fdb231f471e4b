import keras
import numpy as np
import tensorflow as tf

tf.config.experimental.enable_tensor_float_32_execution(False)  # Full float32 on GPUs.

# The same seeded input and kernels in both files; each w_* maps (in, out) as x @ w.
batch, length, d_model, heads, d_ff = 2, 5, 16, 4, 32
rng = np.random.default_rng(0)
x = rng.normal(size=(batch, length, d_model)).astype("float32")
w_q, w_k, w_v, w_o = (
    rng.normal(scale=0.3, size=(d_model, d_model)).astype("float32") for _ in "qkvo"
)
w_1 = rng.normal(scale=0.3, size=(d_model, d_ff)).astype("float32")
w_2 = rng.normal(scale=0.3, size=(d_ff, d_model)).astype("float32")

# Keras has no encoder block layer: build x = norm(x + attention(x)), then x = norm(x
# + feed_forward(x)) from layers. Its LayerNormalization defaults to epsilon=1e-3, so
# epsilon=1e-5 is set to match PyTorch.
transformer_layers = [
    name for name in dir(keras.layers) if "transformer" in name.lower()
]
print(f"keras.layers named like a Transformer: {transformer_layers}")
assert not transformer_layers  # proof: no-keras-block
default_epsilon = keras.layers.LayerNormalization().epsilon
print(f"defaults: LayerNormalization epsilon={default_epsilon}")
assert default_epsilon == 1e-3  # proof: eps
attention = keras.layers.MultiHeadAttention(heads, d_model // heads)
feed_forward_1 = keras.layers.Dense(d_ff, activation="relu")
feed_forward_2 = keras.layers.Dense(d_model)
inputs = keras.Input((length, d_model))
hidden = keras.layers.LayerNormalization(epsilon=1e-5)(
    inputs + attention(inputs, inputs)
)
hidden_ff = feed_forward_2(feed_forward_1(hidden))
outputs = keras.layers.LayerNormalization(epsilon=1e-5)(hidden + hidden_ff)
block = keras.Model(inputs, outputs)
n_params = block.count_params()
print(f"parameters: {n_params}")
# proof: block-params
assert n_params == 4 * d_model * (d_model + 1) + 2 * d_model * d_ff + d_ff + 5 * d_model

# Kernels are stored (in, out), the attention ones split by head. attention.weights
# holds query, key, value and output kernels at even positions, their zero biases in
# between.
biases = [w.numpy() for w in block.weights if w.name == "bias"]
# proof: initial-biases
assert len(biases) == 6 and not any(b.any() for b in biases)
for kernel, w in zip(attention.weights[0:6:2], (w_q, w_k, w_v), strict=True):
    kernel.assign(w.reshape(d_model, heads, d_model // heads))
attention.weights[6].assign(w_o.reshape(heads, d_model // heads, d_model))
feed_forward_1.kernel.assign(w_1)
feed_forward_2.kernel.assign(w_2)
output = block(x).numpy()
print(f"output: {tuple(output.shape)}")
print(f"output[0, 0, :4]: {output[0, 0, :4]}")


# Keras has no stack layer. clone_model copies the block's structure, not its weights:
# the copy's layers are new, their kernels drawn again from the initializers.
def compare_layers(layers):
    first, second = (layer.weights for layer in layers)
    same = all(np.array_equal(a, b) for a, b in zip(first, second, strict=True))
    shared = any(a is b for a, b in zip(first, second, strict=True))
    return same, shared


stack = [block, keras.models.clone_model(block)]
same, shared = compare_layers(stack)
print(f"stacked layers 0 and 1: same weights {same}, shared {shared}")
assert not same and not shared  # proof: clone-model-redraws

# Attention alone ignores order: shuffling the input positions shuffles the output rows
# the same way. That is why Transformer models add position information to their inputs.
order = rng.permutation(length)
print(f"positions reordered as {order}")
permuted = block(x[:, order]).numpy()
assert np.allclose(permuted, output[:, order], atol=1e-5)  # proof: permutation
