import importlib.metadata

import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(0)
print(f"tensorflow {tf.__version__}")
author = importlib.metadata.metadata("tensorflow")["Author"]
print(f"package author: {author}")
assert author == "Google Inc."  # proof: package-author
# tf.keras is Keras 3, the same package as `import keras`.
print(f"tf.keras is keras {keras.__version__}: {tf.keras.Model is keras.Model}")
# proof: keras3
assert tf.keras.Model is keras.Model and keras.__version__.startswith("3.")

# The same tiny model: 3 inputs, 2 hidden units with tanh, 1 output, fixed weights
# from NumPy.
w1 = np.array([[0.1, -0.2], [0.3, 0.4], [-0.5, 0.6]], dtype=np.float32)
w2 = np.array([[0.7], [-0.8]], dtype=np.float32)
model = keras.Sequential(
    [
        keras.Input(shape=(3,)),
        keras.layers.Dense(2, activation="tanh"),
        keras.layers.Dense(1),
    ]
)
# Keras stores a Dense kernel as (in, out), so the NumPy matrices are used as they are.
model.layers[0].set_weights([w1, np.zeros(2, np.float32)])
model.layers[1].set_weights([w2, np.full(1, 0.1, np.float32)])
print(f"first weight shape (in, out): {tuple(model.layers[0].kernel.shape)}")
assert tuple(model.layers[0].kernel.shape) == (3, 2)  # proof: weight-layout

# Calling the model runs it at once: TensorFlow 2 executes eagerly by default.
# Inside tf.function, the same check reports graph mode.
x = tf.constant([[1.0, 2.0, 3.0]])
output = model(x)
print(f"output: {output}")
here = not tf.executing_eagerly()
inside = not tf.function(lambda: tf.executing_eagerly())()
print(f"graph mode: here {here}, inside {inside}")
assert not here and inside  # proof: runs-eagerly
# A Dense layer computes x @ W + b with its (in, out) kernel.
hidden = tf.tanh(x @ model.layers[0].kernel + model.layers[0].bias)
assert np.allclose(model.layers[0](x), hidden)  # proof: linear-formula

# One loss and its gradient with respect to the first weight matrix, already (in, out).
with tf.GradientTape() as tape:
    loss = tf.reduce_mean((model(x) - 1.0) ** 2)
grad_w1 = tape.gradient(loss, model.layers[0].kernel)
print(f"loss: {loss.numpy():.6f}")
print(f"grad_w1:\n{grad_w1}")  # proof: gradient

# Images: Keras convolutions expect channels last, (batch, height, width, channels).
# Only the output channels are given: the weights are made on the first call.
conv = keras.layers.Conv2D(8, kernel_size=3)
before = [tuple(w.shape) for w in conv.weights]
print(f"weights before the first call: {before}")
assert before == []  # proof: weights-before-call
images = tf.zeros((1, 5, 5, 3))
print(f"conv output shape: {tuple(conv(images).shape)}")
print(f"conv weight shape: {tuple(conv.kernel.shape)}")
layout = keras.config.image_data_format()
# proof: image-layout
assert tuple(conv(images).shape) == (1, 3, 3, 8) and layout == "channels_last"
assert tuple(conv.kernel.shape) == (3, 3, 3, 8)

# Python integers become int32 tensors.
integers = tf.constant([1, 2, 3])
print(f"default integer dtype: {integers.dtype.name}")
assert integers.dtype == tf.int32  # proof: int-dtype
