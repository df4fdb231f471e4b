import keras
import tensorflow as tf

keras.utils.set_random_seed(0)
# The generators differ, so the draws do too: each row compares the statistics of
# 131,072 draws (standard deviation, largest magnitude) with those of the PyTorch file.
fan_in, fan_out = 512, 256


def stats(w):
    return [float(tf.math.reduce_std(w)), float(tf.reduce_max(tf.abs(w)))]


# xavier_uniform: U(-a, a) with a = sqrt(6 / (fan_in + fan_out)). PyTorch reads the fans
# of a (out, in) weight, Keras of a (in, out) kernel: the same fans.
w = keras.initializers.GlorotUniform()((fan_in, fan_out))
xavier_uniform = stats(w)
print(f"xavier_uniform: std {xavier_uniform[0]:.5f}, max {xavier_uniform[1]:.5f}")

# xavier_normal: the same standard deviation; PyTorch draws from a plain normal, Keras's
# GlorotNormal from one truncated at two standard deviations.
cut = keras.initializers.GlorotNormal()((fan_in, fan_out))
assert stats(cut)[1] < 2.3 * stats(cut)[0]  # 2 / 0.8796: the cut, before rescaling.
glorot = keras.initializers.VarianceScaling(
    1.0, mode="fan_avg", distribution="untruncated_normal"
)
w = glorot((fan_in, fan_out))
xavier_normal = stats(w)[:1]
assert stats(w)[1] > 4 * xavier_normal[0]
ratio = stats(w)[1] / stats(w)[0]
print(f"xavier_normal: std {xavier_normal[0]:.5f}, max / std {ratio:.2f}")

# kaiming_normal: std sqrt(2 / fan_in) for ReLU networks; truncated in Keras's HeNormal.
cut = keras.initializers.HeNormal()((fan_in, fan_out))
assert stats(cut)[1] < 2.3 * stats(cut)[0]
he = keras.initializers.VarianceScaling(
    2.0, mode="fan_in", distribution="untruncated_normal"
)
w = he((fan_in, fan_out))
kaiming_normal = stats(w)[:1]
assert stats(w)[1] > 4 * kaiming_normal[0]
print(f"kaiming_normal: std {kaiming_normal[0]:.5f}")

# kaiming_uniform: U(-a, a) with a = sqrt(6 / fan_in).
w = keras.initializers.HeUniform()((fan_in, fan_out))
kaiming_uniform = stats(w)
print(f"kaiming_uniform: std {kaiming_uniform[0]:.5f}, max {kaiming_uniform[1]:.5f}")

# conv_fan_in: a convolution's fan-in is in_channels * kh * kw in both.
w = keras.initializers.HeUniform()((3, 3, 64, 128))  # (kh, kw, in, out)
conv_fan_in = stats(w)
print(f"conv_fan_in: max {conv_fan_in[1]:.5f}")

# linear_default: nn.Linear draws weight and bias from U(-1/sqrt(fan_in),
# 1/sqrt(fan_in)); a Dense layer starts with Glorot-uniform kernels and zero biases.
dense = keras.layers.Dense(fan_out)
dense.build((None, fan_in))
assert isinstance(dense.kernel_initializer, keras.initializers.GlorotUniform)
assert float(tf.reduce_max(tf.abs(dense.bias))) == 0.0
nearest = keras.initializers.VarianceScaling(
    1 / 3, mode="fan_in", distribution="uniform"
)
linear_default = stats(nearest((fan_in, fan_out)))
print(f"linear_default: std {linear_default[0]:.5f}, max {linear_default[1]:.5f}")

# zeros_init: all zeros.
zeros_init = stats(keras.initializers.Zeros()((fan_in, fan_out)))
print(f"zeros_init: {zeros_init}")

# constant: one value everywhere.
constant = stats(keras.initializers.Constant(0.5)((fan_in, fan_out)))
print(f"constant: {constant}")

# orthogonal: orthonormal rows (or columns): w @ w.T is the identity.
w = keras.initializers.Orthogonal()((64, 64))
orthogonal = w @ tf.transpose(w)
gap = float(tf.reduce_max(tf.abs(orthogonal - tf.eye(64))))
print(f"orthogonal: largest |w w^T - I| {gap:.2e}")

# normal: std 1.0 by default in PyTorch, 0.05 in Keras's RandomNormal.
assert keras.initializers.RandomNormal().stddev == 0.05
w = keras.initializers.RandomNormal(stddev=0.05)((fan_in, fan_out))
normal = stats(w)[:1]
print(f"normal: std {normal[0]:.5f}")

# uniform: U(0, 1) by default in PyTorch, U(-0.05, 0.05) in Keras's RandomUniform.
assert keras.initializers.RandomUniform().minval == -0.05
w = keras.initializers.RandomUniform(-0.05, 0.05)((fan_in, fan_out))
uniform = stats(w)
print(f"uniform: std {uniform[0]:.5f}, max {uniform[1]:.5f}")

# trunc_normal: PyTorch cuts at a=-2, b=2 (absolute values), Keras at two standard
# deviations.
w = keras.initializers.TruncatedNormal(stddev=0.02)((fan_in, fan_out))
trunc_normal = stats(w)
print(f"trunc_normal: std {trunc_normal[0]:.5f}, max {trunc_normal[1]:.5f}")
