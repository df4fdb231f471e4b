import keras
import numpy as np
import tensorflow as tf

tf.config.experimental.enable_tensor_float_32_execution(False)  # Full float32 on GPUs.

# The same seeded queries, keys and values in both files: (batch, length, depth).
batch, length, depth = 2, 5, 16
rng = np.random.default_rng(0)
q, k, v = (rng.normal(size=(batch, length, depth)).astype("float32") for _ in range(3))
q, k, v = (tf.constant(a) for a in (q, k, v))

# keras.layers.Attention is plain dot-product attention, softmax(q k^T) v: no scaling,
# no projections, no heads. It takes a list ordered [query, value, key].
attention = keras.layers.Attention()
output = attention([q, v, k])
print(f"weights of keras.layers.Attention(): {attention.weights}")
assert not attention.weights  # proof: attention-no-weights
by_hand = tf.nn.softmax(tf.matmul(q, k, transpose_b=True), axis=-1) @ v
assert np.allclose(output, by_hand, atol=1e-5, rtol=0)  # proof: unscaled

# The Transformer's scaling by 1/sqrt(depth) changes the result.
# keras.ops.dot_product_attention scales by default and wants a heads axis in third
# place.
scaled = keras.ops.dot_product_attention(q[:, :, None], k[:, :, None], v[:, :, None])[
    :, :, 0
]
scaled_by_hand = (
    tf.nn.softmax(tf.matmul(q, k, transpose_b=True) / depth**0.5, axis=-1) @ v
)
# proof: scaled-matches-formula
assert np.allclose(scaled, scaled_by_hand, atol=1e-5, rtol=0)
difference = float(tf.reduce_max(tf.abs(scaled - output)))
print(f"largest change from scaling by 1/sqrt({depth}): {difference:.3f}")
assert difference > 0.1  # proof: scaling-changes-result

# use_scale=True adds one trainable scalar, which starts at 1, not at 1/sqrt(depth).
layer = keras.layers.Attention(use_scale=True)
layer([q, v, k])
print(
    "trainable weights with use_scale=True: "
    f"{[w.name for w in layer.trainable_weights]}"
)
scale = layer.scale.numpy()
# proof: use-scale-starts-at-one
assert len(layer.trainable_weights) == 1 and scale.shape == () and scale == 1.0
