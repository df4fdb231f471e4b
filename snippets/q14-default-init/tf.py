import math

import keras
import numpy as np

keras.utils.set_random_seed(0)

# A dense layer with 512 inputs and 256 outputs; Keras stores the kernel as (in, out).
fan_in, fan_out = 512, 256
layer = keras.layers.Dense(fan_out)
layer.build((None, fan_in))
weight, bias = layer.kernel.numpy(), layer.bias.numpy()
assert weight.shape == (fan_in, fan_out)  # proof: layout

# Dense defaults to glorot_uniform for the kernel and zeros for the bias.
kernel_init, bias_init = type(layer.kernel_initializer), type(layer.bias_initializer)
print(f"default initialisers: kernel {kernel_init.__name__}, bias {bias_init.__name__}")
# proof: glorot-default
assert (
    kernel_init is keras.initializers.GlorotUniform
    and bias_init is keras.initializers.Zeros
)

# Glorot uniform is U(-sqrt(6/(fan_in+fan_out)), +sqrt(6/(fan_in+fan_out))).
limit = math.sqrt(6 / (fan_in + fan_out))
weight_std, formula_std = float(weight.std()), limit / math.sqrt(3)
print(f"weight range: [{weight.min():.5f}, {weight.max():.5f}], limit: {limit:.5f}")
print(
    f"weight std: measured {weight_std:.5f}, formula limit/sqrt(3) = {formula_std:.5f}"
)
print(f"bias range: [{bias.min():.5f}, {bias.max():.5f}]")
assert np.abs(weight).max() <= limit
assert np.all(bias == 0)  # proof: bias
assert abs(weight_std / formula_std - 1) < 0.01  # proof: uniform-std

# He initialisation keeps ReLU activations at a steady scale: std = sqrt(2 / fan_in).
layer.kernel.assign(keras.initializers.HeNormal(seed=0)((fan_in, fan_out)))
he_std = float(layer.kernel.numpy().std())
print(
    f"He normal: std {he_std:.5f}, formula sqrt(2/fan_in) = {math.sqrt(2 / fan_in):.5f}"
)
assert abs(he_std / math.sqrt(2 / fan_in) - 1) < 0.01  # proof: he-std

# HeNormal draws from a normal truncated at two of its standard deviations, then
# rescaled.
tail = float(np.abs(layer.kernel.numpy()).max() / he_std)
print(f"largest |w| / std: {tail:.2f} (a truncated normal)")
assert tail < 2.5  # proof: he-tail
