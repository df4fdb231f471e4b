import keras
import numpy as np
import tensorflow as tf

# Full float32 on GPUs too (no TF32).
tf.config.experimental.enable_tensor_float_32_execution(False)
keras.utils.set_random_seed(0)
# The same seeded inputs and weights in both files. PyTorch images are NCHW, Keras
# images NHWC: each image output below is turned to NHWC before it is compared.
rng = np.random.default_rng(0)
rows = tf.constant(rng.standard_normal((2, 3)).astype(np.float32))
images = rng.standard_normal((2, 5, 5, 3)).astype(np.float32)  # NHWC, as stored.
nhwc = tf.constant(images)
sequence = tf.constant(rng.standard_normal((2, 4, 3)).astype(np.float32))
# The kernel, as Keras stores it: (in, out).
kernel = rng.standard_normal((3, 4)).astype(np.float32)
bias = rng.standard_normal(4).astype(np.float32)

# dense: nn.Linear stores weight as (out, in); a Dense kernel is (in, out).
linear = keras.layers.Dense(4)
linear.build((None, 3))
linear.set_weights([kernel, bias])
dense = linear(rows)
print(f"dense: kernel {tuple(linear.kernel.shape)}, output {tuple(dense.shape)}")

# conv2d: PyTorch weight (out, in, kh, kw) on NCHW; Keras kernel (kh, kw, in, out) on
# NHWC.
conv_kernel = rng.standard_normal((3, 3, 3, 4)).astype(np.float32)
conv = keras.layers.Conv2D(4, 3)
conv.build((None, 5, 5, 3))
conv.set_weights([conv_kernel, bias])
conv2d = conv(nhwc)
print(f"conv2d: kernel {tuple(conv.kernel.shape)}, output NHWC {tuple(conv2d.shape)}")

# conv_same: padding="same" keeps the size; PyTorch allows it only with stride 1.
same = keras.layers.Conv2D(4, 3, padding="same")
same.build((None, 5, 5, 3))
same.set_weights([conv_kernel, bias])
conv_same = same(nhwc)
print(f"conv_same: output NHWC {tuple(conv_same.shape)}")

# maxpool: the stride defaults to the pool size in both.
maxpool = keras.layers.MaxPooling2D(2)(nhwc)
print(f"maxpool: output NHWC {tuple(maxpool.shape)}")

# global_avgpool: AdaptiveAvgPool2d(1) keeps 1 x 1 spatial axes; Keras drops them.
global_avgpool = keras.layers.GlobalAveragePooling2D()(nhwc)
print(f"global_avgpool: {tuple(global_avgpool.shape)}")

# batchnorm: momentum weights the new batch in PyTorch (0.1) and the old average in
# Keras (0.99); eps 1e-5 against 1e-3. Set here: momentum 0.01 = 1 - 0.99, eps 1e-3.
norm = keras.layers.BatchNormalization(momentum=0.99, epsilon=1e-3)
defaults = keras.layers.BatchNormalization()
assert defaults.momentum == 0.99 and defaults.epsilon == 1e-3
batch = tf.constant(rng.standard_normal((8, 4)).astype(np.float32))
batchnorm = [norm(batch, training=True), norm.moving_mean]
# The running variance takes the unbiased batch variance (n - 1); Keras takes the biased
# one.
unbiased = 0.99 + 0.01 * tf.math.reduce_variance(batch, axis=0) * 8 / 7  # PyTorch's.
biased = 0.99 + 0.01 * tf.math.reduce_variance(batch, axis=0)
gap = float(tf.reduce_max(tf.abs(norm.moving_variance - biased)))
assert gap < 1e-6 < float(tf.reduce_min(tf.abs(norm.moving_variance - unbiased)))
print(f"batchnorm: running mean {norm.moving_mean.numpy().tolist()}")

# layernorm: eps 1e-5 in PyTorch, epsilon 1e-3 in Keras; matched here.
assert keras.layers.LayerNormalization().epsilon == 1e-3
layernorm = keras.layers.LayerNormalization(epsilon=1e-3)(batch)
print(f"layernorm: {tuple(layernorm.shape)}")

# dropout: in training, both zero a share p of the values and scale the rest by 1 / (1 -
# p).
drop = keras.layers.Dropout(0.5)
kept = drop(tf.ones(1000), training=True)
dropout = sorted(set(kept.numpy().tolist()))
print(f"dropout: values after dropout in training: {dropout}")

# eval_mode: a module starts in training mode until .eval(); a Keras layer called
# directly runs in inference mode.
eval_mode = drop(rows)
assert bool(tf.reduce_all(eval_mode == rows))
print(f"eval_mode: dropout called without training=True is the identity: {True}")

# embedding: the table is (num_embeddings, dim) in both; PyTorch fills it from N(0, 1),
# Keras from U(-0.05, 0.05), unless embeddings_initializer is set.
default = keras.layers.Embedding(1000, 8)
default.build((None,))
assert float(tf.reduce_max(tf.abs(default.embeddings))) <= 0.05
normal = keras.initializers.RandomNormal(stddev=1.0)
wide = keras.layers.Embedding(1000, 8, embeddings_initializer=normal)
wide.build((None,))
spread = float(tf.math.reduce_std(wide.embeddings))
assert 0.9 < spread < 1.1  # N(0, 1); U(-0.05, 0.05) would give 0.029.
table = rng.standard_normal((10, 3)).astype(np.float32)
lookup = keras.layers.Embedding(10, 3, embeddings_initializer=normal)
lookup.build((None, 2))
lookup.set_weights([table])
embedding = lookup(tf.constant([[1, 7], [0, 9]]))
print(f"embedding: {tuple(embedding.shape)}")

# lstm: PyTorch expects (time, batch, features) unless batch_first=True, and keeps two
# biases; Keras keeps one. Gate order i, f, g, o in both; weights transposed.
# Keras layout: (in, 4 * units).
w_ih = rng.standard_normal((3, 16)).astype(np.float32) * 0.5
w_hh = rng.standard_normal((4, 16)).astype(np.float32) * 0.5
b = rng.standard_normal(16).astype(np.float32) * 0.1
recurrent = keras.layers.LSTM(4, return_sequences=True)
recurrent.build((None, 4, 3))
recurrent.set_weights([w_ih, w_hh, b])
lstm = recurrent(sequence)
print(f"lstm: kernel {tuple(recurrent.cell.kernel.shape)}, output {tuple(lstm.shape)}")

# gru: gate order r, z, n in PyTorch and z, r, h in Keras; Keras's default
# reset_after=True matches PyTorch's formula.
# Keras layout: (in, 3 * units), gates z, r, h.
g_ih = rng.standard_normal((3, 12)).astype(np.float32) * 0.5
g_hh = rng.standard_normal((4, 12)).astype(np.float32) * 0.5
# The input and the recurrent biases.
g_b = rng.standard_normal((2, 12)).astype(np.float32) * 0.1
gated = keras.layers.GRU(4, return_sequences=True)
assert gated.cell.reset_after
gated.build((None, 4, 3))
gated.set_weights([g_ih, g_hh, g_b])
gru = gated(sequence)
print(f"gru: output {tuple(gru.shape)}")

# flatten_layer: NCHW flattens channel by channel, NHWC pixel by pixel; a Dense layer
# after Flatten needs its rows permuted when weights move between frameworks.
flatten_layer = keras.layers.Flatten()(nhwc)
print(f"flatten_layer: {tuple(flatten_layer.shape)}")

# sequential: a stack of layers called in order.
hidden = rng.standard_normal((4, 2)).astype(np.float32)
stack = keras.Sequential(
    [keras.Input((3,)), keras.layers.Dense(4, activation="relu"), keras.layers.Dense(2)]
)
stack.set_weights([kernel, bias, hidden, np.zeros(2, np.float32)])
sequential = stack(rows)
print(f"sequential: {tuple(sequential.shape)}")

# upsample: nearest-neighbour upsampling by 2 is the default of both.
upsample = keras.layers.UpSampling2D(2)(nhwc)
print(f"upsample: output NHWC {tuple(upsample.shape)}")

# multihead: PyTorch packs the query, key and value projections into one (3E, E) weight;
# Keras keeps one (E, heads, key_dim) kernel each, and key_dim is per head.
heads, dim = 2, 4
w_q, w_k, w_v, w_o = (
    rng.standard_normal((dim, dim)).astype(np.float32) * 0.5 for _ in "qkvo"
)
attention = keras.layers.MultiHeadAttention(num_heads=2, key_dim=2)
tokens = tf.constant(rng.standard_normal((2, 5, dim)).astype(np.float32))
attention(tokens, tokens)  # Builds the layer.
per_head = [w.reshape(dim, heads, dim // heads) for w in (w_q, w_k, w_v)]
zero = np.zeros((heads, dim // heads), np.float32)
attention.set_weights(
    [per_head[0], zero, per_head[1], zero, per_head[2], zero]
    + [w_o.reshape(heads, dim // heads, dim), np.zeros(dim, np.float32)]
)
multihead = attention(tokens, tokens)
print(f"multihead: query kernel {tuple(attention.query_dense.kernel.shape)}")
