import numpy as np
import tensorflow as tf

# The same seeded inputs in both files: every row below is compared with the PyTorch
# file.
rng = np.random.default_rng(0)
start = rng.standard_normal(3).astype(np.float32)
scale = tf.constant(rng.standard_normal(3).astype(np.float32))

# backward: PyTorch stores the gradient in .grad; a tape returns it.
x = tf.Variable(start)
with tf.GradientTape() as tape:
    loss = tf.reduce_sum(scale * x**2)
backward = tape.gradient(loss, x)
print(f"backward: {backward.numpy().tolist()}")

# grad: the gradient returned rather than stored.
x = tf.Variable(start)
with tf.GradientTape() as tape:
    loss = tf.reduce_sum(scale * x**2)
grad = tape.gradient(loss, x)
print(f"grad: {grad.numpy().tolist()}")

# watch: PyTorch tracks a tensor made with requires_grad=True; a tape watches variables.
x = tf.constant(start)
with tf.GradientTape() as tape:
    y = tf.reduce_sum(x**3)
assert tape.gradient(y, x) is None  # A constant the tape did not watch.
with tf.GradientTape() as tape:
    tape.watch(x)
    y = tf.reduce_sum(x**3)
watch = tape.gradient(y, x)
print(f"watch: {watch.numpy().tolist()}")

# no_grad: work inside the block is not recorded.
x = tf.Variable(start)
with tf.GradientTape() as tape:
    with tape.stop_recording():
        shift = x * 2
    y = tf.reduce_sum(x**2 + shift)
no_grad = tape.gradient(y, x)
assert bool(tf.reduce_all(no_grad == 2 * x))  # 2x, not 2x + 2: shift was not recorded.
print(f"no_grad: {no_grad.numpy().tolist()}")

# detach: a tensor whose gradient is not followed.
x = tf.Variable(start)
with tf.GradientTape() as tape:
    y = tf.reduce_sum(x * tf.stop_gradient(x))
detach = tape.gradient(y, x)
assert bool(tf.reduce_all(detach == x))  # x, not 2x: one factor is a constant.
print(f"detach: {detach.numpy().tolist()}")

# accumulate: PyTorch adds each backward() into .grad; zero_grad() clears it.
x = tf.Variable(start)
accumulate = tf.zeros_like(x)
for _ in range(2):
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(x**2)
    accumulate += tape.gradient(loss, x)  # A tape keeps no total: add them yourself.
assert bool(tf.reduce_all(accumulate == 2 * (2 * x)))  # Twice one gradient, 2x.
print(f"accumulate: {accumulate.numpy().tolist()}")

# persistent: a graph is freed after one backward unless retain_graph=True.
x = tf.Variable(start)
with tf.GradientTape() as tape:
    y = tf.reduce_sum(x**2)
tape.gradient(y, x)
try:
    tape.gradient(y, x)
    raise AssertionError("a second gradient() of a non-persistent tape did not raise")
except RuntimeError as error:
    print(f"persistent: second gradient(): RuntimeError: {str(error)[:50]}...")
with tf.GradientTape(persistent=True) as tape:
    y = tf.reduce_sum(x**2)
first = tape.gradient(y, x)
persistent = [first, tape.gradient(y, x)]
del tape
print(f"persistent: {first.numpy().tolist()}")

# second_order: a gradient of a gradient.
x = tf.Variable(start)
with tf.GradientTape() as outer:
    with tf.GradientTape() as inner:
        y = tf.reduce_sum(x**3)
    dy = inner.gradient(y, x)
second_order = outer.gradient(dy, x)
print(f"second_order: {second_order.numpy().tolist()}")

# jacobian: every output's gradient, one row per output.
x = tf.Variable(start)
with tf.GradientTape() as tape:
    y = tf.sin(x) * scale
jacobian = tape.jacobian(y, x)
print(f"jacobian: {tuple(jacobian.shape)}")

# unconnected: an input the output does not use; PyTorch raises, TensorFlow returns
# None.
x = tf.Variable(start)
u = tf.Variable(start)
with tf.GradientTape(persistent=True) as tape:
    y = tf.reduce_sum(x**2)
assert tape.gradient(y, [x, u])[1] is None
_, unconnected = tape.gradient(
    y, [x, u], unconnected_gradients=tf.UnconnectedGradients.ZERO
)
del tape
print(f"unconnected: {unconnected.numpy().tolist()}")


# custom_gradient: a function with a hand-written backward (here: clip the gradient to
# 1).
@tf.custom_gradient
def clip_grad(v):
    def backward(upstream):
        return tf.clip_by_value(upstream * 3, -1.0, 1.0)

    return v * 3, backward


x = tf.Variable(start)
with tf.GradientTape() as tape:
    y = tf.reduce_sum(clip_grad(x) * scale)
custom_gradient = tape.gradient(y, x)
print(f"custom_gradient: {custom_gradient.numpy().tolist()}")


# hook: PyTorch can rewrite a gradient on its way back; the nearest in TensorFlow is
# tf.custom_gradient.
@tf.custom_gradient
def halve_grad(v):
    return tf.identity(v), lambda upstream: upstream * 0.5


assert not hasattr(tf.constant(start), "register_hook")
x = tf.Variable(start)
with tf.GradientTape() as tape:
    y = tf.reduce_sum(halve_grad(x) ** 2)
hook = tape.gradient(y, x)
assert bool(tf.reduce_all(hook == x))  # Half of 2x.
print(f"hook: {hook.numpy().tolist()}")
