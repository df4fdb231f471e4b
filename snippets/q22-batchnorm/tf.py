import keras
import numpy as np

# A batch of 8 samples with 4 features, far from zero mean and unit variance.
x_np = np.random.default_rng(0).normal(3.0, 2.0, size=(8, 4)).astype("float32")
x = keras.ops.convert_to_tensor(x_np)

defaults = keras.layers.BatchNormalization()
print(f"defaults: momentum={defaults.momentum}, epsilon={defaults.epsilon}")
assert defaults.momentum == 0.99 and defaults.epsilon == 1e-3  # proof: defaults
# Keras's momentum weights the OLD value, so PyTorch's 0.1 is Keras's 0.9; match eps
# too.
bn = keras.layers.BatchNormalization(momentum=0.9, epsilon=1e-5)

# Training mode: normalise with this batch's mean and (biased) variance, then update
# moving = momentum * moving + (1 - momentum) * batch.
train_output = keras.ops.convert_to_numpy(bn(x, training=True))
running_mean, running_var = bn.moving_mean.numpy(), bn.moving_variance.numpy()
print(f"training output, std per feature: {train_output.std(0).round(4)}")
print(f"running mean after one batch: {running_mean.round(4)}")
assert np.abs(train_output.mean(0)).max() < 1e-6  # proof: zero-mean
assert np.abs(train_output.std(0) - 1).max() < 1e-3  # proof: unit-std


def off(values, expected):
    return np.abs(values - expected).max()


# The output is normalised with the BIASED batch variance (divides by n), not with
# the unbiased one (divides by n - 1).
biased, unbiased = x_np.var(0), x_np.var(0, ddof=1)
centred = x_np - x_np.mean(0)
normalised = [centred / np.sqrt(v + bn.epsilon) for v in (biased, unbiased)]
assert off(train_output, normalised[0]) < 1e-5  # proof: biased-output
assert off(train_output, normalised[1]) > 1e-2
assert off(running_mean, 0.1 * x_np.mean(0)) < 1e-6  # proof: new-weighted
assert off(running_mean, 0.9 * x_np.mean(0)) > 1e-2  # The other reading of momentum.
# The moving variance is updated with the BIASED batch variance (divides by n).
assert off(running_var, 0.9 + 0.1 * biased) < 1e-6  # proof: running-var
assert off(running_var, 0.9 + 0.1 * unbiased) > 1e-2

# Keras's default epsilon (1e-3) normalises the same batch slightly differently.
eps_difference = np.abs(
    keras.ops.convert_to_numpy(defaults(x, training=True)) - train_output
).max()
print(f"largest output change with eps=1e-3: {eps_difference:.2e}")  # proof: eps
assert eps_difference > 1e-5  # Beyond the agreement box's tolerance for the outputs.

# Inference mode: normalise with the moving statistics, whatever the batch holds.
bn.moving_mean.assign(np.full(4, 3.0))
bn.moving_variance.assign(np.full(4, 4.0))
eval_output = keras.ops.convert_to_numpy(bn(x, training=False))
print(f"inference output, first sample: {eval_output[0].round(4)}")
assert off(eval_output, (x_np - 3.0) / np.sqrt(4.0 + bn.epsilon)) < 1e-6  # proof: eval
# Each sample's output no longer depends on the rest of the batch.
alone = keras.ops.convert_to_numpy(bn(x[:2], training=False))
assert off(alone, eval_output[:2]) < 1e-6  # proof: alone
