import numpy as np
import tensorflow as tf

# f(x) = sum(x**3 + 2 sin x), so df/dx = 3 x**2 + 2 cos x.
x = tf.Variable([0.5, 1.0, 2.0])

# TensorFlow records operations inside a GradientTape; tape.gradient reads them back.
with tf.GradientTape() as tape:
    y = tf.reduce_sum(x**3 + 2 * tf.sin(x))
grad = tape.gradient(y, x)
print(f"f(x): {y.numpy():.6f}")
print(f"grad: {grad}")

analytic = 3 * x.numpy() ** 2 + 2 * np.cos(x.numpy())
print(f"analytic: {analytic}")
# Within float32 rounding (rtol=0, so the tolerance is absolute).
assert np.allclose(grad.numpy(), analytic, rtol=0, atol=1e-5)  # proof: analytic

# A second gradient: a tape that is not persistent allows one gradient call.
try:
    tape.gradient(y, x)
    second = "allowed"
except RuntimeError as error:
    second = f"RuntimeError: {error}"
print(f"second gradient: {second}")
assert second.startswith("RuntimeError")  # proof: tape-used-once

# A persistent tape allows more calls, and each returns the same gradient.
with tf.GradientTape(persistent=True) as tape:
    y = tf.reduce_sum(x**3 + 2 * tf.sin(x))
first, again = tape.gradient(y, x), tape.gradient(y, x)
same = bool(tf.reduce_all(again == first))
print(f"second gradient, persistent tape: allowed, same as the first {same}")
assert same and bool(tf.reduce_all(again == grad))  # proof: tape-persistent

# A tensor is recorded only once the tape watches it (trainable variables are watched
# for you).
c = tf.constant([0.5, 1.0, 2.0])
recorded = []
for watch in (False, True):
    with tf.GradientTape() as tape:
        if watch:
            tape.watch(c)
        z = tf.reduce_sum(c**3)
    recorded.append(tape.gradient(z, c) is not None)
before, after = recorded
print(f"recorded: plain tensor {before}, after opting in {after}")
assert not before and after  # proof: watch
