import keras
import numpy as np
import tensorflow as tf

from mnist_data import load_mnist

seed = 0
print(f"seed: {seed}")
# One thread per operation in both frameworks, so that timings compare like with like.
tf.config.threading.set_intra_op_parallelism_threads(1)
tf.config.experimental.enable_op_determinism()
# TensorFlow multiplies float32 matrices in TF32 on recent GPUs; PyTorch does not by
# default.
tf.config.experimental.enable_tensor_float_32_execution(False)

# Both files draw the same initial weights with NumPy, in Keras's (in, out) layout.
rng = np.random.default_rng(seed)
hidden_kernel = rng.uniform(-0.08, 0.08, (784, 128)).astype(np.float32)
output_kernel = rng.uniform(-0.2, 0.2, (128, 10)).astype(np.float32)

# Keras stores a Dense kernel as (in, out), so each kernel is copied as it is.
model = keras.Sequential(
    [keras.Input((784,)), keras.layers.Dense(128, "relu"), keras.layers.Dense(10)]
)
for layer, kernel in (
    (model.layers[0], hidden_kernel),
    (model.layers[1], output_kernel),
):
    layer.kernel.assign(kernel)
    layer.bias.assign(np.zeros(layer.bias.shape, np.float32))

# The same 1,000 images in the same order: no shuffling, 20 batches of 50 per epoch.
train_images, train_labels = load_mnist("train", n=1000)
x_train = tf.constant(train_images.reshape(-1, 784) / np.float32(255))
y_train = tf.constant(train_labels)
batch_size, epochs = 50, 5

# Plain SGD (no momentum) and a hand-written loop in both frameworks.
loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
optimizer = keras.optimizers.SGD(learning_rate=0.1)
losses = []
for _ in range(epochs):
    for start in range(0, len(x_train), batch_size):
        batch = slice(start, start + batch_size)
        with tf.GradientTape() as tape:
            loss = loss_fn(y_train[batch], model(x_train[batch]))
        gradients = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(
            zip(gradients, model.trainable_variables, strict=True)
        )
        losses.append(float(loss))

# proof: same-losses
step_loss = {"step": list(range(1, len(losses) + 1)), "loss": losses}
# proof: same-weights
final_weights = {
    "hidden_kernel": model.layers[0].kernel,
    "hidden_bias": model.layers[0].bias,
    "output_kernel": model.layers[1].kernel,
    "output_bias": model.layers[1].bias,
}
final_weights = {name: value.numpy() for name, value in final_weights.items()}
print(f"steps: {len(losses)}, first loss {losses[0]:.6f}, last loss {losses[-1]:.6f}")
print(f"hidden kernel after training: {final_weights['hidden_kernel'].shape}")
assert losses[-1] < losses[0] / 3
