import math

import keras
import numpy as np
import tensorflow as tf

tf.config.experimental.enable_tensor_float_32_execution(False)  # Full float32 on GPUs.

# The same seeded queries, keys and values in both files: (batch, heads, length, depth).
batch, heads, length, depth = 2, 3, 5, 4
rng = np.random.default_rng(0)
q, k, v = (
    rng.normal(size=(batch, heads, length, depth)).astype("float32") for _ in range(3)
)
q, k, v = (tf.constant(a) for a in (q, k, v))

# By hand: softmax(q k^T / sqrt(depth)) v, one weight per (query, key) pair.
scores = tf.matmul(q, k, transpose_b=True) / math.sqrt(depth)
weights = tf.nn.softmax(scores, axis=-1)
by_hand = weights @ v
print(f"weights: {tuple(weights.shape)}")
assert np.allclose(tf.reduce_sum(weights, axis=-1), 1)  # proof: rows-sum-to-one

# Keras's fused op takes (batch, length, heads, depth): axes 1 and 2 swap on the way
# in and out.
swap = [0, 2, 1, 3]
q_k, k_k, v_k = (tf.transpose(t, swap) for t in (q, k, v))
output = tf.transpose(keras.ops.dot_product_attention(q_k, k_k, v_k), swap)
print(f"output: {tuple(output.shape)}")
assert np.allclose(output, by_hand, atol=1e-5)  # proof: fused-matches-formula

# A causal mask lets position i attend to positions 0..i only.
allowed = tf.linalg.band_part(tf.ones((length, length), tf.bool), -1, 0)
causal_by_hand = tf.nn.softmax(tf.where(allowed, scores, -np.inf), axis=-1) @ v
causal_output = tf.transpose(
    keras.ops.dot_product_attention(q_k, k_k, v_k, is_causal=True), swap
)
# proof: causal-mask
assert np.allclose(causal_output, causal_by_hand, atol=1e-5)
# Without the mask every position but the last sees different keys: a large change.
assert np.abs(causal_output - output).max() > 1e-3
# A boolean mask passed to the fused function marks with True the keys that take part.
masked_output = tf.transpose(
    keras.ops.dot_product_attention(q_k, k_k, v_k, mask=allowed), swap
)
assert np.allclose(masked_output, causal_output, atol=1e-6)  # proof: bool-mask
# The first position can only see itself, so its output is its own value.
# proof: first-sees-itself
assert np.allclose(causal_output[..., 0, :], v[..., 0, :], atol=1e-6)
