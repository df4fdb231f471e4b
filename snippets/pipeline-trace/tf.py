import time

import keras
import numpy as np
import tensorflow as tf

from mnist_data import load_mnist

seed = 0
keras.utils.set_random_seed(seed)
tf.config.experimental.enable_op_determinism()
print(f"seed: {seed}")
# One thread per operation in both frameworks, so that timings compare like with like.
tf.config.threading.set_intra_op_parallelism_threads(1)

# The stages above: 1,000 training and 200 test images, scaled to [0, 1] and flattened.
train_images, train_labels = load_mnist("train", n=1000)
test_images, test_labels = load_mnist("test")
x_train = tf.reshape(tf.constant(train_images, dtype=tf.float32) / 255, (-1, 784))
x_test = tf.reshape(tf.constant(test_images, dtype=tf.float32) / 255, (-1, 784))
y_train, y_test = tf.constant(train_labels), tf.constant(test_labels)
model = keras.Sequential(
    [keras.Input((784,)), keras.layers.Dense(128, "relu"), keras.layers.Dense(10)]
)
loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
optimizer = keras.optimizers.Adam(learning_rate=0.001)
batch_size, epochs = 32, 5


# fit() averages train loss and accuracy over the epoch's batches while the weights
# change, and measures validation_data once, at the end of the epoch; a callback adds
# the time.
class Timer(keras.callbacks.Callback):
    def on_epoch_begin(self, epoch, logs=None):
        self.start = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        logs["seconds"] = time.perf_counter() - self.start


model.compile(optimizer=optimizer, loss=loss_fn, metrics=["accuracy"])
history = model.fit(
    x_train,
    y_train,
    batch_size=batch_size,
    epochs=epochs,
    verbose=0,
    validation_data=(x_test, y_test),
    callbacks=[Timer()],
).history
trace = {"epoch": list(range(1, epochs + 1)), "train_loss": history["loss"]}
trace.update({"train_accuracy": history["accuracy"], "test_loss": history["val_loss"]})
trace.update({"test_accuracy": history["val_accuracy"], "seconds": history["seconds"]})
for epoch in trace["epoch"]:
    print(
        f"epoch {epoch}: "
        + ", ".join(f"{k} {v[epoch - 1]:.4f}" for k, v in list(trace.items())[1:])
    )

# The other unseen images of the split (numbers 1000 to 9799), for comparison with the
# 200 test images (9800 to 9999).
other_images, other_labels = (array[1000:] for array in load_mnist("train", n=9800))
x_other = tf.reshape(tf.constant(other_images, dtype=tf.float32) / 255, (-1, 784))
other_accuracy = (np.argmax(model(x_other), axis=1) == other_labels).mean()
# The trained network on its own 1,000 training images, after the last epoch.
fitted_accuracy = (np.argmax(model(x_train), axis=1) == train_labels).mean()

train_accuracy, test_accuracy = trace["train_accuracy"][-1], trace["test_accuracy"][-1]
train_loss, test_loss = trace["train_loss"][-1], trace["test_loss"][-1]
print("claimed after 5 epochs: test accuracy 0.92, loss 0.25")
print(f"measured, test images: accuracy {test_accuracy:.3f}, loss {test_loss:.3f}")
print(f"measured, train images: accuracy {train_accuracy:.3f}, loss {train_loss:.3f}")
print(f"measured, images 1000-9799: accuracy {other_accuracy:.3f}")
gap, deficit = train_accuracy - test_accuracy, other_accuracy - test_accuracy
# proof: gap-split
print(f"train-test gap {gap:.3f}, of which the test images' deficit {deficit:.3f}")
assert trace["train_loss"] == sorted(trace["train_loss"], reverse=True)
# proof: train-near-claim
assert abs(train_accuracy - 0.92) < 0.05 and abs(train_loss - 0.25) < 0.1
# proof: test-far-from-claim
assert test_accuracy < 0.92 - 0.1 and test_loss > 0.25 + 0.1 and gap > 0.1
# Most of the gap is the test block being hard: other unseen images score well above
# it, and closer to the train accuracy than to the test accuracy.
# proof: hard-test-block
assert deficit > 0.1 and deficit > gap - deficit
print(f"trained network, its training images: accuracy {fitted_accuracy:.3f}")
assert other_accuracy < fitted_accuracy  # proof: some-overfitting
