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
assert abs(float(defaults.learning_rate) - 0.01) < 1e-9 and defaults.momentum == 0

learning_rate = 0.1
momentum = 0.9
optimizer = keras.optimizers.SGD(learning_rate=learning_rate, momentum=momentum)

# By hand, Keras's rule: velocity = momentum * velocity - learning_rate * grad; w +=
# velocity.
expected = tf.zeros(3)
velocity = tf.zeros(3)
history = []
for step in range(3):
    with tf.GradientTape() as tape:  # A fresh tape each step: nothing adds up.
        loss = tf.reduce_sum((w - target) ** 2)
    grad = tape.gradient(loss, w)
    velocity = momentum * velocity - learning_rate * grad
    expected += velocity
    optimizer.apply_gradients([(grad, w)])
    assert tf.reduce_all(tf.abs(w - expected) < 1e-7)
    history.append(w.numpy().tolist())
    print(f"step {step + 1}: loss {loss.numpy():.4f}, w {history[-1]}")
