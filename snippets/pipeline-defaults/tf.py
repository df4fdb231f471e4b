import inspect

import keras
import numpy as np
import tensorflow as tf

seed = 0
keras.utils.set_random_seed(seed)
print(f"seed: {seed}")

# Initialisers: kernel Glorot uniform in +-sqrt(6 / (in + out)), bias zeros.
layer = keras.layers.Dense(128)
layer.build((None, 784))
bound = np.sqrt(6 / (784 + 128))
print(f"hidden weight: largest |w| {np.abs(layer.kernel).max():.4f}, bound {bound:.4f}")
print(f"hidden bias: all zero {bool(np.all(layer.bias == 0))}")
assert np.abs(layer.kernel).max() <= bound
assert np.all(layer.bias == 0)

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
assert abs(loss_given_logits - loss_given_probabilities) > 0.1

# Optimizers: SGD's learning rate and Adam's epsilon differ from PyTorch's defaults.
sgd_learning_rate = float(keras.optimizers.SGD().learning_rate)
adam_epsilon = keras.optimizers.Adam().epsilon
print(f"SGD learning rate: {sgd_learning_rate:.3g}, Adam epsilon: {adam_epsilon}")
assert np.isclose(sgd_learning_rate, 1e-2) and adam_epsilon == 1e-7

# Training loop: fit() uses batches of 32 and shuffles every epoch unless told otherwise.
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
assert batches_per_epoch == 32 and shuffled

# GPU matrix products: TF32 (a 10-bit mantissa) is on by default on recent NVIDIA GPUs.
tf32 = tf.config.experimental.tensor_float_32_execution_enabled()
print(f"TF32 matrix products on a GPU: {tf32}")
assert tf32
