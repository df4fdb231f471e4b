import math

import keras
import matplotlib.pyplot as plt

keras.utils.set_random_seed(0)

# A stack of 30 ReLU layers, 256 units wide, fed a batch of standard-normal inputs.
depth, width = 30, 256
x = keras.random.normal((256, width))

# Keras takes the scheme when the layer is created; "default" is glorot_uniform.
inits = {
    "small": keras.initializers.RandomNormal(stddev=0.01),
    "large": keras.initializers.RandomNormal(stddev=1.0),
    "default": keras.initializers.GlorotUniform(),
    "he": keras.initializers.HeNormal(),
}
trace = {"layer": list(range(1, depth + 1))}
for name, init in inits.items():
    h, scales = x, []
    for _ in range(depth):
        layer = keras.layers.Dense(width, use_bias=False, kernel_initializer=init)
        h = keras.ops.relu(layer(h))
        scales.append(float(keras.ops.mean(keras.ops.abs(h))))
    trace[name] = scales
    print(
        f"{name:>8}: mean |activation| after layer 1: {scales[0]:.3g}, "
        f"after layer {depth}: {scales[-1]:.3g}"
    )

# Too small vanishes, too large explodes, He (std = sqrt(2/fan_in)) stays of order one.
final = {name: math.log10(trace[name][-1]) for name in inits}
assert final["small"] < -20 and final["large"] > 20 and abs(final["he"]) < 1
# Keras's default, Glorot (std = sqrt(2/(fan_in+fan_out))), also shrinks it through
# ReLUs.
assert -8 < final["default"] < -1

plt.rcParams["svg.hashsalt"] = "q14"
fig, ax = plt.subplots(figsize=(6, 3.5))
for name in inits:
    ax.plot(trace["layer"], trace[name], label=name)
ax.set(yscale="log", xlabel="layer", ylabel="mean |activation|", title="TensorFlow")
ax.legend()
fig.tight_layout()
fig.savefig("activations.svg", metadata={"Date": None})
