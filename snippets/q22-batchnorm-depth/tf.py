import keras
import tensorflow as tf

keras.utils.set_random_seed(0)

# 30 ReLU layers with the default initialisation, with and without batch norm in
# between. They have no bias: batch norm would subtract it again (its own shift
# replaces it).
depth, width = 30, 256
x, y = keras.random.normal((256, width)), keras.random.normal((256, 1))


def build(batch_norm):
    layers = []
    for _ in range(depth):
        layers += [
            keras.layers.Dense(width, use_bias=False),
            *([keras.layers.BatchNormalization()] if batch_norm else []),
            keras.layers.ReLU(),
        ]
    return keras.Sequential([keras.Input((width,)), *layers, keras.layers.Dense(1)])


results = {}
for batch_norm in (False, True):
    model = build(batch_norm)
    with tf.GradientTape() as tape:
        last_hidden = keras.Sequential(model.layers[:-1])(x, training=True)
        loss = keras.losses.MeanSquaredError()(y, model.layers[-1](last_hidden))
    scale = float(keras.ops.mean(keras.ops.abs(last_hidden)))
    first_grad = float(tf.norm(tape.gradient(loss, model.layers[0].kernel)))
    results[batch_norm] = (scale, first_grad)
    print(
        f"batch norm {batch_norm!s:>5}: mean |activation| at layer {depth}: "
        f"{scale:.3g}, "
        f"gradient norm at layer 1: {first_grad:.3g}"
    )

# Without batch norm the signal and the first layer's gradient shrink by orders of
# magnitude.
assert results[False][0] < 1e-3 and results[True][0] > 0.1  # proof: activations
assert results[True][1] > 1e3 * results[False][1]  # proof: gradients
