import keras
import numpy as np
import tensorflow as tf

# The same start and the same loss for one optimizer step, taken four ways.
learning_rate, weight_decay = 0.1, 0.1
start = np.array([1.0, -2.0, 0.5, 3.0], "float32")
target = np.array([0.5, -1.0, 1.5, 1.0], "float32")


def one_step(optimizer_class, l2=0.0, **options):
    weights = keras.Variable(start)
    optimizer = optimizer_class(learning_rate=learning_rate, **options)
    # Squared error, plus an optional L2 penalty l2 / 2 * |w|^2 whose gradient is
    # l2 * w.
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum((weights - target) ** 2) + l2 / 2 * tf.reduce_sum(
            weights**2
        )
    optimizer.apply_gradients([(tape.gradient(loss, weights), weights)])
    return weights.numpy()


adam = one_step(keras.optimizers.Adam)
adam_l2 = one_step(keras.optimizers.Adam, l2=weight_decay)
adam_weight_decay = one_step(keras.optimizers.Adam, weight_decay=weight_decay)
adamw = one_step(keras.optimizers.AdamW, weight_decay=weight_decay)
print(f"Adam: {adam}")
print(f"Adam, L2 term in the loss: {adam_l2}")
print(f"AdamW: {adamw}")

# On this first step Adam divides each gradient by its own size, so the L2 term changes
# almost nothing, while AdamW's shrinking is still there.
assert np.allclose(adam_l2, adam, atol=1e-5)

# AdamW decouples the decay: it shrinks the weights by lr * weight_decay * w and takes
# the plain Adam step, so it is not Adam with an L2 penalty.
shrink = learning_rate * weight_decay * start
assert np.allclose(adamw, adam - shrink, atol=1e-6)
difference = float(np.abs(adamw - adam_l2).max())
print(f"AdamW against Adam with the L2 term, largest difference: {difference:.4f}")
assert difference > 1e-3

# Keras's weight_decay argument is decoupled in every optimizer: Adam's is AdamW's.
same_as = "L2 term" if np.allclose(adam_weight_decay, adam_l2) else "AdamW"
print(f"Adam(weight_decay=...) behaves like: {same_as}")
assert same_as == "AdamW" and np.allclose(adam_weight_decay, adamw)

# Weight decay is set per variable: exclude_from_weight_decay keeps the bias out of it.
# With zero gradients the Adam step is zero, so what is left is the decay.
layer = keras.layers.Dense(2, bias_initializer="ones")
layer.build((None, 4))
optimizer = keras.optimizers.AdamW(
    learning_rate=learning_rate, weight_decay=weight_decay
)
optimizer.exclude_from_weight_decay(var_names=["bias"])
before = [w.numpy() for w in (layer.kernel, layer.bias)]
optimizer.apply_gradients([(tf.zeros_like(w), w) for w in (layer.kernel, layer.bias)])
factors = [
    round(float(np.mean(w.numpy() / b)), 6)
    for w, b in zip((layer.kernel, layer.bias), before, strict=True)
]
print(f"one step with zero gradients scales weight and bias by: {factors}")
assert factors == [1 - learning_rate * weight_decay, 1.0]
