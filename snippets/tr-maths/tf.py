import numpy as np
import tensorflow as tf

tf.config.experimental.enable_tensor_float_32_execution(False)  # Full float32 on GPUs.
# The same seeded inputs in both files: every row below is compared with the PyTorch
# file.
rng = np.random.default_rng(0)
a = tf.constant(rng.standard_normal((3, 4)).astype(np.float32))
b = tf.constant(rng.standard_normal((4, 2)).astype(np.float32))

# matmul: the @ operator works on tensors of both frameworks.
matmul = a @ b
assert bool(tf.reduce_all(matmul == tf.matmul(a, b)))
print(f"matmul: {tuple(matmul.shape)}")

# sum_dim: dim= in PyTorch, axis= in TensorFlow.
sum_dim = tf.reduce_sum(a, axis=0)
print(f"sum_dim: {sum_dim.numpy().tolist()}")

# mean_keepdim: keepdim=True in PyTorch, keepdims=True in TensorFlow.
mean_keepdim = tf.reduce_mean(a, axis=1, keepdims=True)
print(f"mean_keepdim: {tuple(mean_keepdim.shape)}")

# max_dim: PyTorch returns values and indices; TensorFlow needs reduce_max and argmax.
values, indices = tf.reduce_max(a, axis=1), tf.argmax(a, axis=1)
max_dim = [values, indices]
print(f"max_dim: {values.numpy().tolist()}, {indices.numpy().tolist()}")

# argmax: int64 indices in both (tf.argmax's output_type defaults to int64).
argmax = tf.argmax(a, axis=1)
assert argmax.dtype == tf.int64
print(f"argmax: {argmax.numpy().tolist()}, {argmax.dtype.name}")

# std: PyTorch divides by n - 1 by default, TensorFlow by n; correction=0 matches.
std = tf.math.reduce_std(a)
print(f"std: {std.numpy():.6f}")

# clamp: limit values to a range.
clamp = tf.clip_by_value(a, -0.5, 0.5)
print(f"clamp: {tf.reduce_max(clamp).numpy()}")

# cumsum: running sums along an axis.
cumsum = tf.math.cumsum(a, axis=1)
print(f"cumsum: {cumsum[:, -1].numpy().tolist()}")

# einsum: the same subscripts in both.
einsum = tf.einsum("ij,jk->ik", a, b)
print(f"einsum: {tuple(einsum.shape)}")

# int_divide: / of two integer tensors gives float32 in PyTorch, float64 in TensorFlow.
n = tf.constant([7, -7])
d = tf.constant([2, 2])
int_divide = n / d
assert int_divide.dtype == tf.float64
print(f"int_divide: {int_divide.numpy().tolist()}, {int_divide.dtype.name}")

# floor_divide: // rounds toward minus infinity in both.
floor_divide = n // 2
assert floor_divide.numpy().tolist() == [3, -4]
print(f"floor_divide: {floor_divide.numpy().tolist()}")

# topk: the k largest values and their indices along the last axis.
top_values, top_indices = tf.math.top_k(a, 2)
topk = [top_values, top_indices]
print(f"topk: {top_indices.numpy().tolist()}")

# sort: descending=True in PyTorch, direction="DESCENDING" in TensorFlow.
sort = tf.sort(a, axis=1, direction="DESCENDING")
print(f"sort: {sort[:, 0].numpy().tolist()}")

# round_half: halves go to the even neighbour in both.
halves = tf.constant([0.5, 1.5, 2.5, -0.5])
round_half = tf.round(halves)
assert round_half.numpy().tolist() == [0.0, 2.0, 2.0, -0.0]
print(f"round_half: {round_half.numpy().tolist()}")

# mean_int: PyTorch refuses the mean of integers; TensorFlow returns a truncated
# integer.
k = tf.constant([1, 2])
assert tf.reduce_mean(k).numpy() == 1
mean_int = tf.reduce_mean(tf.cast(k, tf.float32))
print(f"mean_int: {mean_int.numpy()}")

# norm: the Euclidean norm of all elements.
norm = tf.norm(a)
print(f"norm: {norm.numpy():.6f}")

# log1p: log(1 + x), exact near zero.
small = tf.constant([1e-8, 1.0])
log1p = tf.math.log1p(small)
print(f"log1p: {log1p.numpy().tolist()}")

# logsumexp: log(sum(exp(x))) without overflow.
logsumexp = tf.reduce_logsumexp(a, axis=1)
print(f"logsumexp: {logsumexp.numpy().tolist()}")
