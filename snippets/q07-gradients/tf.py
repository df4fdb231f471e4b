import tensorflow as tf


# f(x) = x**2 exp(-x), so f'(x) = (2x - x**2) exp(-x) and f''(x) = (2 - 4x + x**2)
# exp(-x).
def f(x):
    return x**2 * tf.exp(-x)


# A GradientTape records operations on watched tensors (every trainable tf.Variable).
x = tf.Variable([0.5, 1.0, 3.0])
with tf.GradientTape() as outer:
    # A tape inside another records the inner gradient computation, for a second
    # derivative.
    with tf.GradientTape() as inner:
        y = tf.reduce_sum(f(x))
    grad = inner.gradient(y, x)
second = outer.gradient(grad, x)
print(f"y: {y}")
print(f"grad: {grad}")
print(f"second: {second}")
x0 = x.numpy()
# proof: derivatives-checked
assert tf.reduce_all(tf.abs(grad - (2 * x0 - x0**2) * tf.exp(-x0)) < 1e-6)
# proof: second-derivative-checked
assert tf.reduce_all(tf.abs(second - (2 - 4 * x0 + x0**2) * tf.exp(-x0)) < 1e-6)

# Each tape returns its own gradient tensor: nothing accumulates between two tapes.
total = tf.zeros(3)
for _ in range(2):
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(f(x))
    total += tape.gradient(y, x)
print(f"sum of two tape gradients: {total}")
assert tf.reduce_all(tf.abs(total - 2 * grad) < 1e-6)  # proof: tape-no-accumulate


# One recording answers one gradient call: a tape that is not persistent is released
# after the first, whatever it recorded; persistent=True keeps it.
def replays(g, persistent=False):
    with tf.GradientTape(persistent=persistent) as tape:
        y = tf.reduce_sum(g(x))
    tape.gradient(y, x)
    try:
        tape.gradient(y, x)
        return True
    except RuntimeError:
        return False


replayed = [replays(f), replays(f, persistent=True), replays(lambda x: x)]
print(f"second call works (default, kept, nothing saved): {replayed}")
assert replayed == [False, True, False]  # proof: one-recording

# Inside tape.stop_recording() nothing is recorded, so there is no gradient to ask for;
# tf.stop_gradient marks a value as a constant for the tape.
with tf.GradientTape(persistent=True) as tape:
    with tape.stop_recording():
        untracked = tf.reduce_sum(f(x))
    stopped = tf.reduce_sum(tf.stop_gradient(f(x)))
untracked_grad = tape.gradient(untracked, x)
print(f"recorded under stop_recording: {untracked_grad is not None}")
print(f"recorded after stop_gradient: {tape.gradient(stopped, x) is not None}")
# proof: not-recording
assert untracked_grad is None and tape.gradient(stopped, x) is None
