import inspect

import keras
import numpy as np
import tensorflow as tf

# The same seeded inputs in both files: every row below is compared with the PyTorch
# file. PyTorch losses take (prediction, target); Keras losses take (y_true, y_pred).
rng = np.random.default_rng(0)
logits = tf.constant(rng.standard_normal((4, 3)).astype(np.float32))
labels = tf.constant([0, 2, 1, 2])
soft = tf.constant(rng.dirichlet(np.ones(3), 4).astype(np.float32))
scores = tf.constant(rng.standard_normal((4, 1)).astype(np.float32))
targets = tf.constant([[1.0], [0.0], [1.0], [0.0]])
guess = tf.constant(rng.standard_normal((4, 2)).astype(np.float32))
truth = tf.constant(rng.standard_normal((4, 2)).astype(np.float32))

# cross_entropy: PyTorch takes logits; Keras expects probabilities unless
# from_logits=True.
cross_entropy = keras.losses.SparseCategoricalCrossentropy(from_logits=True)(
    labels, logits
)
# Without from_logits=True, logits are read as probabilities.
wrong = keras.losses.SparseCategoricalCrossentropy()(labels, logits)
assert abs(float(wrong) - float(cross_entropy)) > 0.1
print(
    f"cross_entropy: {float(cross_entropy):.6f}, from_logits=False: {float(wrong):.6f}"
)

# soft_targets: class probabilities as targets.
soft_targets = keras.losses.CategoricalCrossentropy(from_logits=True)(soft, logits)
print(f"soft_targets: {float(soft_targets):.6f}")

# bce_logits: binary cross-entropy on raw scores.
bce_logits = keras.losses.BinaryCrossentropy(from_logits=True)(targets, scores)
assert (
    abs(float(keras.losses.BinaryCrossentropy()(targets, scores)) - float(bce_logits))
    > 0.1
)
print(f"bce_logits: {float(bce_logits):.6f}")

# bce: on probabilities; PyTorch clamps the log at -100, Keras clips p to [1e-7, 1 -
# 1e-7].
bce = keras.losses.BinaryCrossentropy()(targets, tf.sigmoid(scores))
zero = tf.constant([0.0])
one = tf.constant([1.0])
clipped = float(keras.losses.BinaryCrossentropy()(one, zero))
assert abs(clipped - -np.log(1e-7)) < 1e-3
print(f"bce: {float(bce):.6f}, loss of p=0 for y=1: {clipped:.4f}")

# mse: the mean over every element in both.
mse = keras.losses.MeanSquaredError()(truth, guess)
print(f"mse: {float(mse):.6f}")

# l1: the mean absolute error.
l1 = keras.losses.MeanAbsoluteError()(truth, guess)
print(f"l1: {float(l1):.6f}")

# huber: quadratic below delta, linear above.
huber = keras.losses.Huber(delta=0.5)(truth, guess)
print(f"huber: {float(huber):.6f}")

# smooth_l1: SmoothL1Loss(beta) is HuberLoss(delta=beta) divided by beta.
smooth_l1 = keras.losses.Huber(delta=0.5)(truth, guess) / 0.5
print(f"smooth_l1: {float(smooth_l1):.6f}")

# kl_div: PyTorch takes log-probabilities as input; reduction="batchmean" gives the true
# KL divergence (the default "mean" divides by the number of elements).
q = tf.nn.softmax(logits, axis=1)
kl_div = keras.losses.KLDivergence()(soft, q)
print(f"kl_div: {float(kl_div):.6f}")

# nll: NLLLoss takes log-probabilities; Keras has no such loss.
probs = tf.nn.softmax(logits, axis=1)
nll = keras.losses.SparseCategoricalCrossentropy()(labels, probs)
print(f"nll: {float(nll):.6f}")

# per_sample: one loss per sample instead of the mean.
per_sample = keras.losses.SparseCategoricalCrossentropy(
    from_logits=True, reduction=None
)(labels, logits)
print(f"per_sample: {per_sample.numpy().tolist()}")

# label_smoothing: (1 - e) * one-hot + e / classes in both.
sparse_options = inspect.signature(
    keras.losses.SparseCategoricalCrossentropy
).parameters
assert "label_smoothing" not in sparse_options  # One-hot the labels instead.
one_hot = tf.one_hot(labels, 3)
label_smoothing = keras.losses.CategoricalCrossentropy(
    from_logits=True, label_smoothing=0.1
)(one_hot, logits)
print(f"label_smoothing: {float(label_smoothing):.6f}")

# ignore_index: samples of one label leave the loss and its average.
assert keras.losses.SparseCategoricalCrossentropy().ignore_class is None
ignored = tf.constant([0, 2, -100, 2])
ignore_index = keras.losses.SparseCategoricalCrossentropy(
    from_logits=True, ignore_class=-100
)(ignored, logits)
kept = tf.gather(per_sample, [0, 1, 3])  # The same labels as ignored, less the third.
assert abs(float(ignore_index) - float(tf.reduce_mean(kept))) < 1e-6  # Over 3...
assert abs(float(ignore_index) - float(tf.reduce_sum(kept)) / 4) > 1e-3  # not 4.
print(f"ignore_index: {float(ignore_index):.6f}")

# cosine: PyTorch gives the similarity; Keras's cosine_similarity loss is its negative.
cosine = -keras.losses.cosine_similarity(truth, guess)
assert np.allclose(keras.losses.cosine_similarity(truth, truth), -np.ones(4))
print(f"cosine: {cosine.numpy().tolist()}")

# class_weights: PyTorch divides by the sum of the samples' weights; Keras by the number
# of samples unless reduction="mean_with_sample_weight".
weights = tf.constant([1.0, 2.0, 0.25])
sample_weight = tf.gather(weights, labels)
class_weights = keras.losses.SparseCategoricalCrossentropy(
    from_logits=True, reduction="mean_with_sample_weight"
)(labels, logits, sample_weight=sample_weight)
by_count = keras.losses.SparseCategoricalCrossentropy(from_logits=True)(
    labels, logits, sample_weight=sample_weight
)
assert abs(float(by_count) - float(class_weights)) > 1e-3
print(
    f"class_weights: {float(class_weights):.6f}, over the count: {float(by_count):.6f}"
)
