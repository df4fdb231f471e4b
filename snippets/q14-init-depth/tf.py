import math

import keras
import matplotlib.pyplot as plt
import numpy as np

keras.utils.set_random_seed(0)

# A stack of 30 ReLU layers, 256 units wide, fed a batch of standard-normal inputs.
depth, width = 30, 256
x = keras.random.normal((256, width))

# Keras takes the scheme when the layer is created; "default" is glorot_uniform.
# An unseeded initializer fixes its seed when it is created, so each layer gets a new
# instance from init(): one shared instance would give every layer the same matrix.
inits = {
    "small": lambda: keras.initializers.RandomNormal(stddev=0.01),
    "large": lambda: keras.initializers.RandomNormal(stddev=1.0),
    "default": lambda: keras.initializers.GlorotUniform(),
    "he": lambda: keras.initializers.HeNormal(),
}
trace = {"layer": list(range(1, depth + 1))}
for name, init in inits.items():
    h, scales, kernels = x, [], []
    for _ in range(depth):
        layer = keras.layers.Dense(width, use_bias=False, kernel_initializer=init())
        h = keras.ops.relu(layer(h))
        scales.append(float(keras.ops.mean(keras.ops.abs(h))))
        kernels.append(layer.kernel)
    trace[name] = scales
    # Every layer has a matrix of its own.
    # proof: distinct
    assert len({np.asarray(k).tobytes() for k in kernels}) == depth
    print(
        f"{name:>8}: mean |activation| after layer 1: {scales[0]:.3g}, "
        f"after layer {depth}: {scales[-1]:.3g}"
    )

# Too small vanishes, too large explodes, He (std = sqrt(2/fan_in)) stays of order one.
# Small and large change the signal by a similar factor at every layer.
ratios = {name: [b / a for a, b in zip(trace[name], trace[name][1:])] for name in inits}
shrinks = all(0.05 < ratio < 0.2 for ratio in ratios["small"])
grows = all(5 < ratio < 20 for ratio in ratios["large"])
final = {name: math.log10(trace[name][-1]) for name in inits}
# proof: vanish-explode
assert shrinks and grows and abs(final["he"]) < 1

# The default shrinks the mean square by fan_in * Var(w) / 2 per layer: 1/2 for Glorot
# (Var = 2/(fan_in+fan_out)), against 1/6 for PyTorch's default.
# The curve tracks the root of the mean square, hence the square of its ratio.
factor = (trace["default"][-1] / trace["default"][0]) ** (2 / (depth - 1))
expected, alternative = 1 / 2, 1 / 6
print(f"default: mean square x {factor:.3f} per layer, formula {expected:.3f}")
assert abs(factor - expected) < 0.05 < abs(factor - alternative)  # proof: factor

# One unseeded initializer instance keeps the seed it drew when created: shared by two
# layers, it gives both the same matrix.
shared = inits["he"]()
pair = [
    keras.layers.Dense(width, use_bias=False, kernel_initializer=shared)
    for _ in range(2)
]
for layer in pair:
    layer.build((None, width))
same_matrix = np.array_equal(pair[0].kernel, pair[1].kernel)
print(f"two layers, one initializer: same matrix {same_matrix}")
assert same_matrix  # proof: shared

plt.rcParams["svg.hashsalt"] = "q14"
fig, ax = plt.subplots(figsize=(6, 3.5))
for name in inits:
    ax.plot(trace["layer"], trace[name], label=name)
ax.set(yscale="log", xlabel="layer", ylabel="mean |activation|", title="TensorFlow")
ax.legend()
fig.tight_layout()
fig.savefig("activations.svg", metadata={"Date": None})
