import keras
import numpy as np
import tensorflow as tf

tf.config.experimental.enable_tensor_float_32_execution(False)  # Full float32 on GPUs.

# The same seeded inputs and projections in both files; each w_* maps (in, out) as x @
# w.
batch, length, context_length, embed, heads = 2, 4, 6, 8, 2
rng = np.random.default_rng(0)
x = rng.normal(size=(batch, length, embed)).astype("float32")
context = rng.normal(size=(batch, context_length, embed)).astype("float32")
w_q, w_k, w_v, w_o = (
    rng.normal(scale=0.3, size=(embed, embed)).astype("float32") for _ in "qkvo"
)
b_q, b_k, b_v, b_o = (
    rng.normal(scale=0.1, size=embed).astype("float32") for _ in "qkvo"
)

# Keras keeps one kernel per projection, split by head: (embed, heads, key_dim).
key_dim = embed // heads
attention = keras.layers.MultiHeadAttention(heads, key_dim)
attention(x, context)  # Builds the weights from the input shapes.
attention.set_weights(
    [
        *(w_q.reshape(embed, heads, key_dim), b_q.reshape(heads, key_dim)),
        *(w_k.reshape(embed, heads, key_dim), b_k.reshape(heads, key_dim)),
        *(w_v.reshape(embed, heads, key_dim), b_v.reshape(heads, key_dim)),
        *(w_o.reshape(heads, key_dim, embed), b_o),
    ]
)
print(f"weights: {[w.path.split('/', 1)[1] for w in attention.weights]}")
n_params = attention.count_params()
shapes = [tuple(w.shape) for w in attention.weights]
print(f"parameters: {n_params}, shapes: {shapes}")
# proof: mha-params
assert shapes[0] == (embed, heads, key_dim) and n_params == 4 * embed * (embed + 1)

# Hide the last context position of the second sequence (padding, say).
# Keras's attention_mask marks the positions to ATTEND to with True, per query.
allowed = np.ones((batch, length, context_length), dtype=bool)
allowed[1, :, -1] = False

# Called as (query, value, key), key defaulting to value; scores come per head.
output, scores = attention(
    x, context, attention_mask=allowed, return_attention_scores=True
)
output, scores = output.numpy(), scores.numpy()
print(f"output: {tuple(output.shape)}, scores: {tuple(scores.shape)}")
assert scores.shape == (batch, heads, length, context_length)  # proof: per-head-scores
assert np.all(scores[1, :, :, -1] == 0)  # proof: padding-mask

# Keras's one boolean mask keeps that meaning: True where attention is allowed, so a
# mask of blocked positions is passed inverted.
blocked = np.zeros((length, context_length), dtype=bool)
blocked[:, 0] = True
_, weights = attention(
    x, context, attention_mask=~blocked, return_attention_scores=True
)
weights = weights.numpy()
# proof: attn-mask-true-blocks
assert np.all(weights[..., 0] == 0) and np.all(weights[..., 1:] > 0)
