import keras
import tensorflow as tf

# loss(w) = sum((w - target)**2), so its gradient is 2 (w - target).
target = tf.constant([1.0, -1.0, 0.5])
w = tf.Variable(tf.zeros(3))

# Keras's SGD defaults to a learning rate of 0.01 and no momentum.
defaults = keras.optimizers.SGD()
print(
    f"default learning rate: {float(defaults.learning_rate):g}, momentum: "
    f"{defaults.momentum}"
)
# proof: sgd-defaults
assert abs(float(defaults.learning_rate) - 0.01) < 1e-9 and defaults.momentum == 0

# Three steps at 0.1, then one at half that rate.
learning_rates = [0.1, 0.1, 0.1, 0.05]
momentum = 0.9
optimizer = keras.optimizers.SGD(learning_rate=learning_rates[0], momentum=momentum)

# By hand, Keras's rule: velocity = momentum * velocity - lr * grad; w += velocity.
# The other rule, PyTorch's: velocity = momentum * velocity + grad; w -= lr * velocity
tolerance = 1e-7
expected, velocity = tf.zeros(3), tf.zeros(3)
other_rule, other_velocity = tf.zeros(3), tf.zeros(3)
history = []
for step, learning_rate in enumerate(learning_rates):
    optimizer.learning_rate = learning_rate
    with tf.GradientTape() as tape:  # A fresh tape each step: nothing adds up.
        loss = tf.reduce_sum((w - target) ** 2)
    grad = tape.gradient(loss, w)
    velocity = momentum * velocity - learning_rate * grad
    expected += velocity
    other_velocity = momentum * other_velocity + grad
    other_rule -= learning_rate * other_velocity
    optimizer.apply_gradients([(grad, w)])
    assert tf.reduce_max(tf.abs(w - expected)) < tolerance  # proof: sgd-by-hand
    gap = tf.reduce_max(tf.abs(w - other_rule)).numpy().item()
    history.append(w.numpy().tolist())
    print(f"step {step + 1}: loss {loss.numpy():.4f}, w {history[-1]}")
    print(f"  the other rule is off by {gap:.1e}")
    # The two rules agree while the rate stays the same, and part when it changes.
    # proof: sgd-rules-part
    assert gap < tolerance if step < 3 else gap > 100 * tolerance
fixed_rate_history = history[:3]
