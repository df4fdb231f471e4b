import time

import keras
import tensorflow as tf

from mnist_data import load_mnist

seed = 0
print(f"seed: {seed}")
# One thread per operation in both frameworks, so that timings compare like with like.
tf.config.threading.set_intra_op_parallelism_threads(1)
tf.config.experimental.enable_op_determinism()
test_images, test_labels = load_mnist("test")
x_test = tf.reshape(tf.constant(test_images, dtype=tf.float32) / 255, (-1, 784))
y_test = tf.constant(test_labels)
batch_size, epochs = 32, 5


# fit() runs the epochs itself; a callback times each one.
class Timer(keras.callbacks.Callback):
    def on_epoch_begin(self, epoch, logs=None):
        self.start = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        epoch_seconds.append(time.perf_counter() - self.start)


# The training of the stages above, from the same seed, on more and more images.
table = {"train_images": [], "seconds_per_epoch": [], "final_test_accuracy": []}
for n in (1000, 4000, 8000):
    keras.utils.set_random_seed(seed)
    train_images, train_labels = load_mnist("train", n=n)
    x_train = tf.reshape(tf.constant(train_images, dtype=tf.float32) / 255, (-1, 784))
    y_train = tf.constant(train_labels)
    model = keras.Sequential(
        [keras.Input((784,)), keras.layers.Dense(128, "relu"), keras.layers.Dense(10)]
    )
    loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.001), loss=loss_fn)
    epoch_seconds = []
    model.fit(
        x_train,
        y_train,
        batch_size=batch_size,
        epochs=epochs,
        verbose=0,
        callbacks=[Timer()],
    )
    predictions = tf.argmax(model(x_test), axis=1)
    accuracy = float(tf.reduce_mean(tf.cast(predictions == y_test, tf.float32)))
    # The fastest epoch leaves out one-off costs and the epochs that other work on a
    # busy machine slowed down.
    seconds = min(epoch_seconds)
    table["train_images"].append(n)
    table["seconds_per_epoch"].append(seconds)
    table["final_test_accuracy"].append(accuracy)
    print(f"{n} images: {seconds:.3f} s per epoch, test accuracy {accuracy:.3f}")

# Eight times the images: more than twice the time per epoch, and a test accuracy more
# than 0.1 higher.
times, accuracies = table["seconds_per_epoch"], table["final_test_accuracy"]
assert times[-1] > 2 * times[0]  # proof: slower-epochs
assert accuracies[-1] > accuracies[0] + 0.1  # proof: more-data-helps
