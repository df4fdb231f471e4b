import keras
import tensorflow as tf

# loss(w) = sum((w - target)**2), so its gradient is 2 (w - target).
target = tf.constant([1.0, -1.0, 0.5])
w = tf.Variable(tf.zeros(3))

# Keras's Adam adds epsilon = 1e-7 to sqrt(v) before bias correction ("epsilon hat").
defaults = keras.optimizers.Adam()
print(f"default epsilon: {defaults.epsilon}")
assert defaults.epsilon == 1e-7
# The learning rate and betas default to the same values in both frameworks.
default_learning_rate = round(float(defaults.learning_rate), 9)
betas = [defaults.beta_1, defaults.beta_2]
print(f"default learning rate: {default_learning_rate}, betas: {betas}")
assert default_learning_rate == 0.001 and betas == [0.9, 0.999]

learning_rate = 0.1
beta_1, beta_2, epsilon = 0.9, 0.999, 1e-8
optimizer = keras.optimizers.Adam(
    learning_rate, beta_1=beta_1, beta_2=beta_2, epsilon=epsilon
)

# By hand: m, v are running means of grad and grad**2; w -= alpha * m / (sqrt(v) +
# epsilon).
expected, m, v = tf.zeros(3), tf.zeros(3), tf.zeros(3)
history = []
for step in range(1, 4):
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum((w - target) ** 2)
    grad = tape.gradient(loss, w)
    m = beta_1 * m + (1 - beta_1) * grad
    v = beta_2 * v + (1 - beta_2) * grad**2
    # Keras computes the bias corrections in float32, the variable's dtype.
    beta_1_power, beta_2_power = (
        tf.constant(beta_1) ** step,
        tf.constant(beta_2) ** step,
    )
    alpha = learning_rate * tf.sqrt(1 - beta_2_power) / (1 - beta_1_power)
    expected -= alpha * m / (tf.sqrt(v) + epsilon)
    optimizer.apply_gradients([(grad, w)])
    assert tf.reduce_all(tf.abs(w - expected) < 1e-7)
    history.append(w.numpy().tolist())
    print(f"step {step}: loss {loss.numpy():.4f}, w {history[-1]}")


# With tiny gradients epsilon dominates the first step; compare defaults and an equal
# value.
def first_step(gradient, **options):
    w = tf.Variable(tf.zeros(3))
    optimizer = keras.optimizers.Adam(learning_rate, **options)
    optimizer.apply_gradients([(gradient, w)])
    return w[0].numpy().item()


tiny = tf.fill((3,), 1e-7)
# Keras adds epsilon before bias correction: scaling it by sqrt(1 - beta_2**t) matches
# PyTorch.
matched_first_step = first_step(tiny, epsilon=1e-8 * (1 - beta_2) ** 0.5)
tiny_step = {
    "epsilon": ["framework default", "1e-8", "1e-8, rescaled for Keras"],
    "first step": [
        first_step(tiny),
        first_step(tiny, epsilon=1e-8),
        matched_first_step,
    ],
}
print(f"first step with a 1e-7 gradient: {tiny_step['first step']}")
# Only the rescaled epsilon gives PyTorch's lr / 1.1; an equal 1e-8 gives about a
# quarter.
assert abs(matched_first_step + learning_rate / 1.1) < 1e-6
assert abs(tiny_step["first step"][1] + learning_rate / 1.1) > 0.05
