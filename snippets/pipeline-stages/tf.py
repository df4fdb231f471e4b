import keras
import matplotlib.pyplot as plt
import tensorflow as tf

from mnist_data import load_mnist

seed = 0
keras.utils.set_random_seed(seed)
tf.config.experimental.enable_op_determinism()
print(f"seed: {seed}")  # proof: seed
# One thread per operation in both frameworks, so that timings compare like with like.
tf.config.threading.set_intra_op_parallelism_threads(1)

# 1. Load: uint8 images and int64 labels, as NumPy arrays.
train_images, train_labels = load_mnist("train", n=1000)
test_images, test_labels = load_mnist("test")
print(f"1 load: images {train_images.shape} {train_images.dtype}")
print(
    f"1 load: labels {train_labels.shape} {train_labels.dtype}, first {train_labels[0]}"
)
shapes = (train_images.shape, train_labels.shape)
dtypes = (train_images.dtype, train_labels.dtype)
# proof: loader
assert shapes == ((1000, 28, 28), (1000,)) and dtypes == ("uint8", "int64")

# 2. Normalise: divide by 255 to get float32 values in [0, 1].
images = tf.constant(train_images, dtype=tf.float32) / 255
scaled_pixel = float(images[0, 13, 17])
print(f"2 normalise: pixel [0, 13, 17] {train_images[0, 13, 17]} -> {scaled_pixel:.4f}")
# Every value lies in [0, 1] and both ends are reached, so the divisor is 255.
assert tf.reduce_min(images) == 0 and tf.reduce_max(images) == 1  # proof: scaled-range

# 3. Flatten: each 28x28 image becomes a row of 784 features.
x_train, y_train = tf.reshape(images, (-1, 784)), tf.constant(train_labels)
x_test = tf.reshape(tf.constant(test_images, dtype=tf.float32) / 255, (-1, 784))
y_test = tf.constant(test_labels)
print(f"3 flatten: {tuple(x_train.shape)}")

# 4. Train: 784 -> 128 (ReLU) -> 10 logits, Adam, batches of 32 in a shuffled order, 5
# epochs.
model = keras.Sequential(
    [keras.Input((784,)), keras.layers.Dense(128, "relu"), keras.layers.Dense(10)]
)
loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.001), loss=loss_fn)
batch_size, epochs = 32, 5
# fit() runs the loop itself: it shuffles every epoch and averages the loss over the
# batches.
history = model.fit(x_train, y_train, batch_size=batch_size, epochs=epochs, verbose=0)
epoch_loss = history.history["loss"][-1]
print(f"4 train: {epochs} epochs, last epoch's mean loss {epoch_loss:.4f}")
print(f"4 train: hidden weight {tuple(model.layers[0].kernel.shape)} (in, out)")
assert model.layers[0].kernel.shape == (784, 128)  # proof: weight-layout

# 5. Evaluate on the 200 test images.
logits = model(x_test)
test_loss = float(loss_fn(y_test, logits))
correct = int(tf.reduce_sum(tf.cast(tf.argmax(logits, axis=1) == y_test, tf.int32)))
print(
    f"5 evaluate: accuracy {correct / len(y_test):.3f}, loss {test_loss:.4f}, "
    f"{correct}/200"
)
print("5 evaluate: claimed accuracy 0.92, loss 0.25, 184/200")

# 6. Predict one image: softmax turns its 10 logits into probabilities that sum to 1.
probabilities = tf.nn.softmax(logits[0])
predicted = int(tf.argmax(probabilities))
print(
    f"6 predict: {probabilities.numpy().round(3)}, "
    f"sum {tf.reduce_sum(probabilities):.4f}"
)
print(f"6 predict: predicted {predicted}, true {test_labels[0]}")
assert abs(float(tf.reduce_sum(probabilities)) - 1) < 1e-5  # proof: sum-to-one
plt.figure(figsize=(2, 2))
plt.imshow(test_images[0], cmap="gray_r")
plt.title(f"predicted {predicted}, true {test_labels[0]}", fontsize=9)
plt.axis("off")
plt.savefig("digit.png", dpi=80)
