import inspect

import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(0)

# rate is the probability of zeroing each element (not the probability of keeping it).
p = 0.3
dropout = keras.layers.Dropout(p)
x = keras.ops.ones((1000, 1000))

# A layer called without training=True runs in inference mode and drops nothing.
# fit() passes training=True for you (checked at the end of this file).
drops_by_default = not np.array_equal(dropout(x), x)
print(f"drops by default: {drops_by_default}")
assert not drops_by_default  # proof: default-mode
y = keras.ops.convert_to_numpy(dropout(x, training=True))
zero_fraction = float(np.mean(y == 0))
kept_value = np.unique(y[y != 0]).tolist()
mean_output = float(np.mean(y))
print(f"fraction of zeros: {zero_fraction:.4f} (p = {p})")
print(f"kept elements become: {kept_value}, 1 / (1 - p) = {1 / (1 - p):.7f}")
print(f"mean output: {mean_output:.4f} (the input mean is 1: scaling keeps it)")
assert abs(zero_fraction - p) < 0.005 and abs(mean_output - 1) < 0.01  # proof: rates
assert len(kept_value) == 1 and abs(kept_value[0] - 1 / (1 - p)) < 1e-6  # proof: kept
# Every call draws a new random mask.
second = keras.ops.convert_to_numpy(dropout(x, training=True))
new_mask_each_call = not np.array_equal(second == 0, y == 0)
print(f"a second call drops other elements: {new_mask_each_call}")
assert new_mask_each_call  # proof: new-mask

# training=False switches dropout off: the input passes through untouched.
unchanged_at_inference = np.array_equal(dropout(x, training=False), x)
print(f"with training=False, output equals input: {unchanged_at_inference}")
assert unchanged_at_inference  # proof: inference

# The functional forms always drop; tf.nn.dropout takes rate (TensorFlow 1 took
# keep_prob).
functional = [keras.random.dropout(x, p), tf.nn.dropout(x, rate=p)]
assert not any(np.array_equal(out, x) for out in functional)  # proof: functional
v2_parameters = inspect.signature(tf.nn.dropout).parameters
v1_parameters = inspect.signature(tf.compat.v1.nn.dropout).parameters
# proof: keep-prob
assert "keep_prob" not in v2_parameters and "keep_prob" in v1_parameters

# Inside a model, fit() runs dropout in training mode, evaluate() and predict() in
# inference. Behind an identity layer, the squared error against x measures what
# dropout did.
identity = keras.layers.Dense(1000, use_bias=False, kernel_initializer="identity")
model = keras.Sequential([keras.Input((1000,)), dropout, identity])
model.compile(optimizer="sgd", loss="mse")
evaluate_loss = model.evaluate(x, x, batch_size=1000, verbose=0)
assert np.array_equal(model.predict(x, batch_size=1000, verbose=0), x)  # proof: predict
fit_loss = model.fit(x, x, batch_size=1000, verbose=0).history["loss"][0]
print(
    f"squared error: evaluate() {evaluate_loss}, fit() {fit_loss:.4f}, "
    f"p/(1-p) {p / (1 - p):.4f}"
)
assert evaluate_loss == 0 and abs(fit_loss - p / (1 - p)) < 0.01  # proof: fit
