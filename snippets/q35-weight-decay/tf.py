import keras
import numpy as np
import tensorflow as tf

# The same start and the same loss for every optimizer, taken four ways.
learning_rate, weight_decay = 0.1, 0.1
start = np.array([1.0, -2.0, 0.5, 3.0], "float32")
target = np.array([0.5, -1.0, 1.5, 1.0], "float32")


def train(optimizer_class, steps=1, l2=0.0, **options):
    weights = keras.Variable(start)
    optimizer = optimizer_class(learning_rate=learning_rate, **options)
    for _ in range(steps):
        # Squared error, plus an optional L2 penalty l2 / 2 * |w|^2 whose gradient is
        # l2 * w.
        with tf.GradientTape() as tape:
            loss = tf.reduce_sum((weights - target) ** 2) + l2 / 2 * tf.reduce_sum(
                weights**2
            )
        optimizer.apply_gradients([(tape.gradient(loss, weights), weights)])
    return weights.numpy()


def distance(a, b):
    return float(np.abs(a - b).max())


adam = train(keras.optimizers.Adam)
adam_l2 = train(keras.optimizers.Adam, l2=weight_decay)
adamw = train(keras.optimizers.AdamW, weight_decay=weight_decay)
print(f"Adam: {adam}")
print(f"Adam, L2 term in the loss: {adam_l2}")
print(f"AdamW: {adamw}")

# AdamW decouples the decay: it shrinks the weights by lr * weight_decay * w and takes
# the plain Adam step. Without the shrink it would be 100 times the tolerance away.
shrink = learning_rate * weight_decay * start
assert distance(adamw, adam - shrink) < 1e-6  # proof: adamw-is-adam-minus-shrink
assert np.abs(shrink).min() > 100 * 1e-6

# On this first step Adam divides each gradient by its own size, so the L2 term changes
# almost nothing, while AdamW's shrink moves the weights far more.
print(f"first step, L2 term against none: {distance(adam_l2, adam):.1e}")
print(f"first step, AdamW against the L2 term: {distance(adamw, adam_l2):.1e}")
# proof: l2-first-step
assert distance(adam_l2, adam) < 1e-5 and distance(adamw, adam_l2) > 1e-3

# After 10 steps the L2 term has changed Adam's running averages too, so no decay, an
# L2 term and decoupled decay end far apart; Adam(weight_decay=...) is the nearest one.
# Keras's weight_decay argument is decoupled in every optimizer: Adam's is AdamW's.
steps = 10
candidates = {
    "no decay": train(keras.optimizers.Adam, steps),
    "L2 term": train(keras.optimizers.Adam, steps, l2=weight_decay),
    "AdamW": train(keras.optimizers.AdamW, steps, weight_decay=weight_decay),
}
adam_weight_decay = train(keras.optimizers.Adam, steps, weight_decay=weight_decay)
gaps = {name: distance(adam_weight_decay, w) for name, w in candidates.items()}
print(f"after {steps} steps, distance from Adam(weight_decay=...) to each:")
for name, gap in gaps.items():
    print(f"  {name}: {gap:.1e}")
same_as = min(gaps, key=gaps.get)
nearest, runner_up = sorted(gaps.values())[:2]
print(f"Adam(weight_decay=...) behaves like: {same_as}")
# proof: adam-weight-decay
assert same_as == "AdamW" and nearest < 1e-5 and runner_up > 1e-3

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
assert factors == [1 - learning_rate * weight_decay, 1.0]  # proof: bias-excluded
