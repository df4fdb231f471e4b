import keras
import tensorflow as tf

# loss(w) = sum((w - target)**2), so its gradient is 2 (w - target).
target = tf.constant([1.0, -1.0, 0.5])
w = tf.Variable(tf.zeros(3))

# Keras's Adam adds epsilon = 1e-7 to sqrt(v) before bias correction ("epsilon hat").
defaults = keras.optimizers.Adam()
print(f"default epsilon: {defaults.epsilon}")
assert defaults.epsilon == 1e-7  # proof: adam-default-epsilon
# The learning rate and betas default to the same values in both frameworks.
default_learning_rate = round(float(defaults.learning_rate), 9)
betas = [defaults.beta_1, defaults.beta_2]
print(f"default learning rate: {default_learning_rate}, betas: {betas}")
# proof: adam-default-betas
assert default_learning_rate == 0.001 and betas == [0.9, 0.999]

learning_rate = 0.1
beta_1, beta_2, epsilon = 0.9, 0.999, 1e-8
optimizer = keras.optimizers.Adam(
    learning_rate, beta_1=beta_1, beta_2=beta_2, epsilon=epsilon
)


# By hand in float64: m, v are running means of grad and grad**2, and each rule turns
# them into a step, with the bias corrections 1 - beta_1**t and 1 - beta_2**t.
def pytorch_rule(m, v, correction_1, correction_2):
    return learning_rate * (m / correction_1) / (tf.sqrt(v / correction_2) + epsilon)


def keras_rule(m, v, correction_1, correction_2):
    alpha = learning_rate * correction_2**0.5 / correction_1
    return alpha * m / (tf.sqrt(v) + epsilon)


# The by-hand result follows Keras's rule with float32 corrections; the nearest
# alternatives are the same rule with float64 corrections and PyTorch's rule.
tolerance = 1e-7
expected, other_precision, other_rule = tf.unstack(tf.zeros((3, 3), tf.float64))
m, v = tf.unstack(tf.zeros((2, 3), tf.float64))
history = []
for step in range(1, 4):
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum((w - target) ** 2)
    grad = tf.cast(tape.gradient(loss, w), tf.float64)
    m = beta_1 * m + (1 - beta_1) * grad
    v = beta_2 * v + (1 - beta_2) * grad**2
    # PyTorch computes bias corrections in Python floats (float64), Keras in float32.
    float64 = [1 - beta_1**step, 1 - beta_2**step]
    float32 = (1 - tf.constant([beta_1, beta_2]) ** step).numpy().tolist()
    expected -= keras_rule(m, v, *float32)
    other_precision -= keras_rule(m, v, *float64)
    other_rule -= pytorch_rule(m, v, *float64)
    optimizer.apply_gradients([(tf.cast(grad, tf.float32), w)])
    result = tf.cast(w, tf.float64)
    assert tf.reduce_max(tf.abs(result - expected)) < tolerance  # proof: adam-by-hand
    gaps = [tf.reduce_max(tf.abs(result - o)) for o in (other_precision, other_rule)]
    assert min(gaps) > tolerance  # proof: adam-alternatives-rejected
    history.append(w.numpy().tolist())
    print(f"step {step}: loss {loss.numpy():.4f}, w {history[-1]}")
rule_gap = tf.reduce_max(tf.abs(result - other_rule)).numpy().item()
print(f"after 3 steps, the other framework's rule differs by {rule_gap:.1e}")
assert 1e-6 < rule_gap < 1e-5  # proof: adam-rule-gap


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
# The rescaled epsilon gives PyTorch's lr * g / (g + eps) = lr / 1.1.
assert abs(matched_first_step + learning_rate / 1.1) < 1e-6  # proof: adam-tiny-matched
# An equal 1e-8 gives lr * g / (g + eps / sqrt(1 - beta_2)): about a quarter of that.
ratio = tiny_step["first step"][1] / (-learning_rate / 1.1)
print(f"equal epsilon, step as a fraction of PyTorch's: {ratio:.4f}")
quarter = (1e-7 + 1e-8) / (1e-7 + 1e-8 / (1 - beta_2) ** 0.5)
assert abs(ratio - quarter) < 1e-3 and abs(ratio - 1) > 0.5  # proof: adam-quarter
