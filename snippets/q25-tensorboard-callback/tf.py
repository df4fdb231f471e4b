import glob

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

from mnist_data import load_mnist

keras.utils.set_random_seed(0)
images, labels = load_mnist("train", n=1000)
x = (images.reshape(-1, 784) / 255.0).astype("float32")

layers = [keras.layers.Dense(64, activation="relu"), keras.layers.Dense(10)]
model = keras.Sequential([keras.Input((784,)), *layers])
loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
model.compile(optimizer=keras.optimizers.Adam(1e-3), loss=loss_fn, metrics=["accuracy"])

# The TensorBoard callback writes each epoch's metrics to logs/train and logs/validation,
# the model's graph, and (histogram_freq=1) a histogram of every weight after every epoch.
# Keras's epoch_loss is the mean of the epoch's batch losses, taken while the weights change.
callback = keras.callbacks.TensorBoard("logs", histogram_freq=1)
validation_data = (x[800:], labels[800:])
fit = model.fit(
    x[:800],
    labels[:800],
    batch_size=50,
    epochs=8,
    verbose=0,
    validation_data=validation_data,
    callbacks=[callback],
)
history = fit.history

# Read the event files back (TFRecord files of Event protos) and check them against fit().
logged, histograms, tags = {}, {}, set()
for split, prefix in (("train", ""), ("validation", "val_")):
    for path in glob.glob(f"logs/{split}/events.out.tfevents.*"):
        for record in tf.data.TFRecordDataset(path):
            event = tf.compat.v1.Event.FromString(record.numpy())
            for value in event.summary.value:
                tags.add(value.tag)
                if value.tag.endswith("/histogram"):
                    histograms.setdefault(value.tag, []).append(event.step)
                elif value.tag in ("epoch_loss", "epoch_accuracy"):
                    name = prefix + value.tag.removeprefix("epoch_")
                    logged.setdefault(name, []).append(float(tf.make_ndarray(value.tensor)))
for name, values in logged.items():
    assert np.allclose(values, history[name])
print(f"scalar tags: {sorted(tag for tag in tags if tag.startswith('epoch_'))}")
print(f"curves read back: {sorted(logged)}")
print(f"histograms read back: { {tag: len(steps) for tag, steps in histograms.items()} }")
print(f"model graph logged: {'keras' in tags}")
assert len(logged) == 4 and len(histograms) == 4 and "keras" in tags

# The same curves, drawn from the event files with matplotlib.
plt.rcParams["svg.hashsalt"] = "q25"
fig, axes = plt.subplots(1, 2, figsize=(8, 3))
for ax, tag in zip(axes, ("loss", "accuracy")):
    ax.plot(logged[tag], marker="o", label="train")
    ax.plot(logged[f"val_{tag}"], marker="o", label="validation")
    ax.set(title=tag, xlabel="epoch")
    ax.legend()
fig.suptitle("TensorFlow: curves read back from the event files")
fig.tight_layout()
fig.savefig("curves.svg", metadata={"Date": None})
