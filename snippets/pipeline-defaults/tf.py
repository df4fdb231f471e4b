import inspect

import keras
import numpy as np
import tensorflow as tf

from mnist_data import load_mnist

seed = 0
keras.utils.set_random_seed(seed)
print(f"seed: {seed}")

# Initialisers: kernel Glorot uniform in +-sqrt(6 / (in + out)), bias zeros.
layer = keras.layers.Dense(128)
layer.build((None, 784))
bound = np.sqrt(6 / (784 + 128))
print(f"hidden weight: largest |w| {np.abs(layer.kernel).max():.4f}, bound {bound:.4f}")
print(f"hidden bias: all zero {bool(np.all(layer.bias == 0))}")
# Within the bound and close to it, so neither a narrower nor a wider rule.
assert 0.99 * bound < np.abs(layer.kernel).max() <= bound  # proof: init-bound
assert np.all(layer.bias == 0)  # proof: bias-init

# Loss: SparseCategoricalCrossentropy expects probabilities unless from_logits=True.
logits = np.random.default_rng(seed).normal(0, 2, (4, 10)).astype(np.float32)
labels = np.array([3, 1, 4, 1])
probabilities = tf.nn.softmax(logits, axis=1)
loss_given_logits = float(keras.losses.SparseCategoricalCrossentropy()(labels, logits))
loss_given_probabilities = float(
    keras.losses.SparseCategoricalCrossentropy()(labels, probabilities)
)
print(f"loss given logits: {loss_given_logits:.4f}")
print(f"loss given probabilities: {loss_given_probabilities:.4f}")
cross_entropy = loss_given_probabilities  # The right input for the default Keras loss.
# The cross-entropy of these logits, by hand: -log of the true class's probability.
reference = -np.log(probabilities.numpy()[np.arange(4), labels]).mean()
print(f"cross-entropy by hand: {reference:.4f}")
# from_logits=True, as the pipeline's loss has it, takes the logits instead.
loss_from_logits = float(
    keras.losses.SparseCategoricalCrossentropy(from_logits=True)(labels, logits)
)
print(f"loss given logits, from_logits=True: {loss_from_logits:.4f}")
# proof: loss-input
assert max(abs(cross_entropy - reference), abs(loss_from_logits - reference)) < 1e-5
assert abs(loss_given_logits - reference) > 0.1  # proof: loss-wrong-input

# Optimizers: SGD's learning rate and Adam's epsilon differ from PyTorch's defaults.
sgd_learning_rate = float(keras.optimizers.SGD().learning_rate)
adam_epsilon = keras.optimizers.Adam().epsilon
print(f"SGD learning rate: {sgd_learning_rate:.3g}, Adam epsilon: {adam_epsilon}")
assert (
    np.isclose(sgd_learning_rate, 1e-2) and adam_epsilon == 1e-7
)  # proof: optimizer-defaults

# Training loop: fit() uses batches of 32 and shuffles every epoch unless told
# otherwise.
images = np.zeros((1000, 784), np.float32)
model = keras.Sequential([keras.Input((784,)), keras.layers.Dense(10)])
model.compile(optimizer="sgd", loss="mse")
counter = keras.callbacks.LambdaCallback(
    on_train_batch_end=lambda batch, logs: counts.append(batch)
)
counts = []
model.fit(images, np.zeros((1000, 10)), epochs=1, verbose=0, callbacks=[counter])
batches_per_epoch = len(counts)
shuffled = inspect.signature(model.fit).parameters["shuffle"].default
print(f"batches per epoch over 1000 images: {batches_per_epoch}, shuffled: {shuffled}")
assert batches_per_epoch == 32 and shuffled  # proof: batch-defaults

# GPU float32 arithmetic: TF32 (10-bit mantissa) is on by default on recent NVIDIA GPUs.
tf32 = tf.config.experimental.tensor_float_32_execution_enabled()
# The same switch covers convolutions (its docstring says so).
conv_tf32 = tf32
print(f"TF32 on a GPU: matrix products {tf32}, convolutions {conv_tf32}")
assert tf32  # proof: tf32-default

# Adam: the same epsilon in both, but Keras adds it to sqrt(v) before the bias
# correction. Same start and batches as the equivalence section: 20 steps over 1,000
# images in order.
tf.config.experimental.enable_tensor_float_32_execution(False)
tf.config.experimental.enable_op_determinism()
train_images, train_labels = load_mnist("train", n=1000)
x_train = tf.constant(train_images.reshape(-1, 784) / np.float32(255))
y_train = tf.constant(train_labels)
learning_rate, beta_1, beta_2, epsilon = 0.001, 0.9, 0.999, 1e-7


def train_with_adam(keras_formula):
    rng = np.random.default_rng(seed)
    hidden_kernel = rng.uniform(-0.08, 0.08, (784, 128)).astype(np.float32)
    output_kernel = rng.uniform(-0.2, 0.2, (128, 10)).astype(np.float32)
    model = keras.Sequential(
        [keras.Input((784,)), keras.layers.Dense(128, "relu"), keras.layers.Dense(10)]
    )
    for layer, kernel in (
        (model.layers[0], hidden_kernel),
        (model.layers[1], output_kernel),
    ):
        layer.kernel.assign(kernel)
        layer.bias.assign(np.zeros(layer.bias.shape, np.float32))
    params = model.trainable_variables
    optimizer = keras.optimizers.Adam(
        learning_rate, beta_1=beta_1, beta_2=beta_2, epsilon=epsilon
    )
    loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    m, v = [tf.zeros_like(p) for p in params], [tf.zeros_like(p) for p in params]
    for step, start in enumerate(range(0, len(x_train), 50), start=1):
        batch = slice(start, start + 50)
        with tf.GradientTape() as tape:
            loss = loss_fn(y_train[batch], model(x_train[batch]))
        grads = tape.gradient(loss, params)
        if keras_formula:
            # w -= lr * sqrt(1 - b2**t) / (1 - b1**t) * m / (sqrt(v) + eps)
            optimizer.apply_gradients(zip(grads, params, strict=True))
            continue
        # PyTorch's formula, with its bias corrections in Python floats as
        # PyTorch computes them: w -= lr / (1 - b1**t) * m / (sqrt(v) / sqrt(1
        # - b2**t) + eps)
        for i, (p, g) in enumerate(zip(params, grads, strict=True)):
            m[i] = beta_1 * m[i] + (1 - beta_1) * g
            v[i] = beta_2 * v[i] + (1 - beta_2) * g * g
            denominator = tf.sqrt(v[i]) / (1 - beta_2**step) ** 0.5 + epsilon
            p.assign_sub(learning_rate / (1 - beta_1**step) * m[i] / denominator)
    weights = {
        "hidden_kernel": model.layers[0].kernel,
        "hidden_bias": model.layers[0].bias,
        "output_kernel": model.layers[1].kernel,
        "output_bias": model.layers[1].bias,
    }
    return {name: value.numpy() for name, value in weights.items()}


adam_keras_formula = train_with_adam(
    keras_formula=True
)  # keras.optimizers.Adam itself.
adam_pytorch_formula = train_with_adam(keras_formula=False)
formula_gap = max(
    np.abs(adam_keras_formula[name] - adam_pytorch_formula[name]).max()
    for name in adam_keras_formula
)
print(
    f"Adam, eps {epsilon}: "
    f"largest weight difference between the formulas {formula_gap:.4f}"
)
# A hundred times the tolerance within which each formula must agree across the
# frameworks.
assert formula_gap > 1e-3  # proof: adam-formulas-differ
