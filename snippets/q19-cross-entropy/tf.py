import warnings

import keras
import numpy as np

# Four samples, three classes: raw scores (logits) and the true class of each sample.
logits = np.array(
    [[2.0, -1.0, 0.5], [0.1, 0.2, 3.0], [-2.0, 1.5, 0.3], [1.0, 1.0, 1.0]]
)
logits = logits.astype("float32")
labels = np.array([0, 2, 1, 2])
one_hot = keras.utils.to_categorical(labels, 3)

# Keras expects probabilities unless told from_logits=True, and takes the target first,
# the prediction second. Class indices and one-hot targets need two different classes.
loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
loss = float(loss_fn(labels, logits))
loss_one_hot = float(
    keras.losses.CategoricalCrossentropy(from_logits=True)(one_hot, logits)
)
per_sample = np.asarray(
    keras.losses.SparseCategoricalCrossentropy(from_logits=True, reduction=None)(
        labels, logits
    )
)
print(f"default reduction: {loss_fn.reduction}")
print(f"loss: {loss:.6f}, with one-hot targets: {loss_one_hot:.6f}")
print(f"per sample: {per_sample.round(4)}")
# proof: default-reduction
assert loss_fn.reduction == "sum_over_batch_size" and np.isclose(
    loss, np.mean(per_sample)
)
assert np.isclose(loss_one_hot, loss)  # proof: categorical

# Feeding probabilities as plain arrays (say, from predict()) gives a wrong number,
# silently.
probabilities = keras.ops.convert_to_numpy(keras.ops.softmax(logits))
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    double_softmax = float(loss_fn(labels, probabilities))
print(f"probabilities passed as logits: {double_softmax:.6f}, warnings: {len(caught)}")
# It is the cross-entropy of a second softmax, applied to the probabilities.
log_softmax = keras.ops.convert_to_numpy(keras.ops.log_softmax(probabilities))
twice = np.mean(-log_softmax[np.arange(4), labels])
# proof: double-softmax
assert np.isclose(double_softmax, twice) and not np.isclose(double_softmax, loss)
assert len(caught) == 0  # proof: no-warning

# A tensor straight from a Keras softmax remembers its logits: Keras warns and uses
# them.
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    rescued = float(loss_fn(labels, keras.ops.softmax(logits)))
print(f"softmax tensor passed as logits: {rescued:.6f}, warnings: {len(caught)}")
assert np.isclose(rescued, loss) and len(caught) == 1  # proof: rescued

# The opposite mistake, logits with the default from_logits=False, is silent too.
logits_as_probabilities = float(
    keras.losses.SparseCategoricalCrossentropy()(labels, logits)
)
print(f"logits passed as probabilities: {logits_as_probabilities:.6f}")
sparse, categorical = (
    keras.losses.SparseCategoricalCrossentropy,
    keras.losses.CategoricalCrossentropy,
)
# proof: from-logits-default
assert all(cls().get_config()["from_logits"] is False for cls in (sparse, categorical))
# By hand: the logits clipped to [1e-7, 1 - 1e-7], then renormalised to sum to one.
clipped = np.clip(logits, 1e-7, 1 - 1e-7)
by_hand = np.mean(-np.log(clipped[np.arange(4), labels] / clipped.sum(axis=1)))
# proof: logits-as-probabilities
assert np.isclose(logits_as_probabilities, by_hand) and not np.isclose(
    logits_as_probabilities, loss
)

# Sample weights: the default reduction divides by the batch size, not by the weights'
# sum, whatever the form of the target.
class_weight = np.array([1.0, 2.0, 3.0])
weighted = float(loss_fn(labels, logits, sample_weight=class_weight[labels]))
weighted_one_hot = float(
    keras.losses.CategoricalCrossentropy(from_logits=True)(
        one_hot, logits, sample_weight=class_weight[labels]
    )
)
w = class_weight[labels]
by_weights = float(np.sum(w * per_sample) / np.sum(w))
by_batch = float(np.sum(w * per_sample) / len(labels))
print(f"weighted: {weighted:.6f}, with one-hot targets: {weighted_one_hot:.6f}")
print(f"weighted sum / sum of weights: {by_weights:.6f}, / batch size: {by_batch:.6f}")
assert abs(weighted - by_batch) < 1e-6 < abs(weighted - by_weights)  # proof: weighted
# proof: weighted-one-hot
assert abs(weighted_one_hot - by_batch) < 1e-6 < abs(weighted_one_hot - by_weights)
