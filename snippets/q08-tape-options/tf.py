import tensorflow as tf

x = tf.Variable([1.0, 2.0, 3.0])

# A persistent tape answers several gradient calls over the operations it recorded.
with tf.GradientTape(persistent=True) as tape:
    h = x**2
    y = tf.reduce_sum(h)
    z = tf.reduce_sum(tf.sin(h))
grads = {"y": tape.gradient(y, x), "z": tape.gradient(z, x)}
del tape  # A persistent tape keeps its recording until it is deleted.
print(f"dy/dx: {grads['y']}, dz/dx: {grads['z']}")
# proof: two-gradients
assert tf.reduce_all(tf.abs(grads["z"] - 2 * x * tf.cos(x**2)) < 1e-6)

# A plain tape is released after its first gradient call.
with tf.GradientTape() as tape:
    h = x**2
    y = tf.reduce_sum(h)
    z = tf.reduce_sum(tf.sin(h))
tape.gradient(y, x)
released = False
try:
    tape.gradient(z, x)
except RuntimeError as error:
    released = True
    print(f"second call: RuntimeError: {error}")
assert released  # proof: released

# Only watched tensors are recorded: trainable variables are, constants are not.
c = tf.constant([1.0, 2.0, 3.0])
with tf.GradientTape() as tape:
    y = tf.reduce_sum(c**2)
recorded = tape.gradient(y, c) is not None
print(f"constant recorded: {recorded}")
assert not recorded  # proof: watch-needed
with tf.GradientTape() as tape:
    tape.watch(c)
    y = tf.reduce_sum(c**2)
grads["watched"] = tape.gradient(y, c)
print(f"after tape.watch: {grads['watched']}")
assert tf.reduce_all(grads["watched"] == 2 * c)  # proof: watched

# tf.stop_gradient treats a value as a constant: d/dx sum(x * stop(x)) = stop(x), not
# 2x.
with tf.GradientTape() as tape:
    y = tf.reduce_sum(x * tf.stop_gradient(x))
grads["stopped"] = tape.gradient(y, x)
print(f"with stop_gradient: {grads['stopped']}")
assert tf.reduce_all(grads["stopped"] == x)  # proof: stopped

# A variable created with trainable=False is not watched, so it gets no gradient; x,
# which is trainable, gets its gradient from the same call.
frozen = tf.Variable([1.0, 2.0, 3.0], trainable=False)
with tf.GradientTape() as tape:
    y = tf.reduce_sum(frozen * x)
frozen_grad, x_grad = tape.gradient(y, [frozen, x])
print(f"gradient for the frozen tensor: {frozen_grad}")
assert frozen_grad is None and tf.reduce_all(x_grad == frozen)  # proof: frozen
