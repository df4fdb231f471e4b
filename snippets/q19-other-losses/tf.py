import keras
import numpy as np

# The same numbers in both files: drawn with NumPy, then turned into tensors.
rng = np.random.default_rng(0)
prediction = rng.normal(size=(8, 3)).astype("float32")
target = rng.normal(size=(8, 3)).astype("float32")
binary_logits = rng.normal(size=8).astype("float32")
binary_targets = rng.integers(0, 2, size=8).astype("float32")
p = keras.ops.softmax(rng.normal(size=(8, 5)).astype("float32"), axis=1)
q = keras.ops.softmax(rng.normal(size=(8, 5)).astype("float32"), axis=1)

# Every loss takes the target first and the prediction second.
mse = keras.losses.MeanSquaredError()(target, prediction)
mae = keras.losses.MeanAbsoluteError()(target, prediction)
huber = keras.losses.Huber(delta=1.0)(target, prediction)
binary_cross_entropy = keras.losses.BinaryCrossentropy(from_logits=True)(
    binary_targets[:, None], binary_logits[:, None]
)

# KLDivergence(y_true, y_pred) takes probabilities for both, for KL(y_true || y_pred).
# It sums over the classes and averages over the samples: the KL divergence per sample.
kl_divergence = keras.losses.KLDivergence()(p, q)
kl_by_hand = np.mean(np.sum(p * (np.log(p) - np.log(q)), axis=1))
assert np.isclose(kl_divergence, kl_by_hand)  # proof: kl-per-sample

losses = {
    "mse": float(mse),
    "mae": float(mae),
    "huber": float(huber),
    "binary_cross_entropy": float(binary_cross_entropy),
    "kl_divergence": float(kl_divergence),
}
loss_table = {"loss": list(losses), "value": list(losses.values())}
for name, value in losses.items():
    print(f"{name}: {value:.6f}")
prediction_np, target_np = prediction, target
binary_logits_np, binary_targets_np = binary_logits, binary_targets
# The textbook formulas in NumPy, on the same numbers, give every value.
d = np.abs(prediction_np - target_np)
z = binary_logits_np
by_hand = {
    "mse": np.mean(d**2),
    "mae": np.mean(d),
    "huber": np.mean(np.where(d <= 1.0, 0.5 * d**2, d - 0.5)),
    "binary_cross_entropy": np.mean(
        np.maximum(z, 0) - z * binary_targets_np + np.log1p(np.exp(-np.abs(z)))
    ),
    "kl_divergence": float(kl_by_hand),
}
# proof: values
assert all(np.isclose(losses[name], by_hand[name], rtol=1e-5) for name in losses)
