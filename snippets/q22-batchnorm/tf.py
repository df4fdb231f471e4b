import keras
import numpy as np

# A batch of 8 samples with 4 features, far from zero mean and unit variance.
x_np = np.random.default_rng(0).normal(3.0, 2.0, size=(8, 4)).astype("float32")
x = keras.ops.convert_to_tensor(x_np)

defaults = keras.layers.BatchNormalization()
print(f"defaults: momentum={defaults.momentum}, epsilon={defaults.epsilon}")
assert defaults.momentum == 0.99 and defaults.epsilon == 1e-3
# Keras's momentum weights the OLD value, so PyTorch's 0.1 is Keras's 0.9; match eps
# too.
bn = keras.layers.BatchNormalization(momentum=0.9, epsilon=1e-5)

# Training mode: normalise with this batch's mean and (biased) variance, then update
# moving = momentum * moving + (1 - momentum) * batch.
train_output = keras.ops.convert_to_numpy(bn(x, training=True))
running_mean, running_var = bn.moving_mean.numpy(), bn.moving_variance.numpy()
print(f"training output, std per feature: {train_output.std(0).round(4)}")
print(f"running mean after one batch: {running_mean.round(4)}")
assert np.allclose(train_output.mean(0), 0, atol=1e-6)
# The output itself is normalised with the BIASED batch variance (divides by n).
normalised = (x_np - x_np.mean(0)) / np.sqrt(x_np.var(0) + bn.epsilon)
assert np.allclose(train_output, normalised, atol=1e-5)
assert np.allclose(running_mean, 0.9 * 0 + 0.1 * x_np.mean(0))
# The moving variance is updated with the BIASED batch variance (divides by n).
assert np.allclose(running_var, 0.9 * 1 + 0.1 * x_np.var(0))

# Keras's default epsilon (1e-3) normalises the same batch slightly differently.
eps_difference = np.abs(
    keras.ops.convert_to_numpy(defaults(x, training=True)) - train_output
).max()
print(f"largest output change with eps=1e-3: {eps_difference:.2e}")
assert eps_difference > 1e-5

# Inference mode: normalise with the moving statistics, whatever the batch holds.
bn.moving_mean.assign(np.full(4, 3.0))
bn.moving_variance.assign(np.full(4, 4.0))
eval_output = keras.ops.convert_to_numpy(bn(x, training=False))
print(f"inference output, first sample: {eval_output[0].round(4)}")
assert np.allclose(eval_output, (x_np - 3.0) / np.sqrt(4.0 + bn.epsilon))
