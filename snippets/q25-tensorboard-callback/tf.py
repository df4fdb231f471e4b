import glob
import json
import os
import tempfile
import time

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

# The TensorBoard callback writes each epoch's metrics to <run>/train and
# <run>/validation, the model's configuration (write_graph=True), and, with
# histogram_freq=1, a histogram of every weight after every epoch. Keras's epoch_loss
# is the mean of the epoch's batch losses, taken while the weights change. A fresh run
# folder, logs/<date-time>-<random>, keeps a rerun from reading older files.
os.makedirs("logs", exist_ok=True)
run_dir = tempfile.mkdtemp(prefix=time.strftime("%Y%m%d-%H%M%S-"), dir="logs")
callback = keras.callbacks.TensorBoard(run_dir, histogram_freq=1)
assert callback.write_graph is True
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
# The last epoch's mean batch loss is not the loss of the final weights on the same
# digits.
final_loss = model.evaluate(x[:800], labels[:800], batch_size=800, verbose=0)[0]
print(f"last epoch loss: {history['loss'][-1]:.4f}, final weights: {final_loss:.4f}")
assert abs(final_loss - history["loss"][-1]) > 1e-3  # proof: not-final

# Read this run's event files back (TFRecord files of Event protos) and check them
# against fit().
logged, histograms, tags, layer_classes, op_graphs = {}, {}, set(), [], 0
for split, prefix in (("train", ""), ("validation", "val_")):
    for path in glob.glob(f"{run_dir}/{split}/events.out.tfevents.*"):
        for record in tf.data.TFRecordDataset(path):
            event = tf.compat.v1.Event.FromString(record.numpy())
            op_graphs += event.HasField("graph_def") or event.HasField("meta_graph_def")
            for value in event.summary.value:
                tags.add(value.tag)
                if value.metadata.plugin_data.plugin_name == "graph_keras_model":
                    config = json.loads(tf.make_ndarray(value.tensor).item())
                    layer_classes = [
                        layer["class_name"] for layer in config["config"]["layers"]
                    ]
                elif value.tag.endswith("/histogram"):
                    histograms.setdefault(value.tag, []).append(event.step)
                elif value.tag in ("epoch_loss", "epoch_accuracy"):
                    name = prefix + value.tag.removeprefix("epoch_")
                    logged.setdefault(name, []).append(
                        float(tf.make_ndarray(value.tensor))
                    )
for name, values in logged.items():
    assert np.abs(np.subtract(values, history[name])).max() < 1e-6  # proof: curves
scalar_tags = sorted(tag for tag in tags if tag.startswith("epoch_"))
print(f"scalar tags: {scalar_tags}")
# proof: tags
assert scalar_tags == ["epoch_accuracy", "epoch_learning_rate", "epoch_loss"]
print(f"curves read back: {sorted(logged)}")
print(
    f"histograms read back: { {tag: len(steps) for tag, steps in histograms.items()} }"
)
# write_graph=True logs the model's configuration as JSON under the tag "keras", which
# TensorBoard's Graphs tab draws as a conceptual graph of layers; no op graph is
# written.
print(f"model configuration logged: {layer_classes}")
print(f"op graphs logged: {op_graphs}")
assert len(logged) == 4
# One histogram per weight and epoch.
# proof: histograms
assert len(histograms) == 4 and all(s == list(range(8)) for s in histograms.values())
# proof: keras-config
assert "keras" in tags and layer_classes == ["InputLayer", "Dense", "Dense"]
assert op_graphs == 0  # proof: op-graph

# The same test does count an op graph where one is written: a traced tf.function's.
check_dir = tempfile.mkdtemp()
writer = tf.summary.create_file_writer(check_dir)
with writer.as_default():
    tf.summary.graph(tf.function(model).get_concrete_function(x[:1]).graph)
writer.close()
records = tf.data.TFRecordDataset(glob.glob(f"{check_dir}/events.out.tfevents.*"))
events = [tf.compat.v1.Event.FromString(record.numpy()) for record in records]
assert sum(event.HasField("graph_def") for event in events) == 1  # proof: detector

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
