import glob
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
splits = {"train": (x[:800], labels[:800]), "validation": (x[800:], labels[800:])}

layers = [keras.layers.Dense(64, activation="relu"), keras.layers.Dense(10)]
model = keras.Sequential([keras.Input((784,)), *layers])
loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
model.compile(optimizer=keras.optimizers.Adam(1e-3), loss=loss_fn, metrics=["accuracy"])

# A fresh folder per run, logs/<date-time>-<random>, so a rerun never reads an older
# run's files; `tensorboard --logdir logs` lists each run. One writer (one folder of
# event files) per split, so TensorBoard overlays their curves.
os.makedirs("logs", exist_ok=True)
run_dir = tempfile.mkdtemp(prefix=time.strftime("%Y%m%d-%H%M%S-"), dir="logs")
writers = {
    split: tf.summary.create_file_writer(f"{run_dir}/{split}") for split in splits
}
epochs = list(range(8))
history = {"epoch": epochs} | {
    f"{s}_{t}": [] for s in splits for t in ("loss", "accuracy")
}
for epoch in epochs:
    model.fit(*splits["train"], batch_size=50, epochs=1, verbose=0)
    for split, (split_x, split_y) in splits.items():
        loss, accuracy = model.evaluate(split_x, split_y, batch_size=1000, verbose=0)
        with writers[split].as_default():
            tf.summary.scalar("loss", loss, step=epoch)
            tf.summary.scalar("accuracy", accuracy, step=epoch)
        history[f"{split}_loss"].append(loss)
        history[f"{split}_accuracy"].append(accuracy)
for writer in writers.values():
    writer.close()

# Read this run's event files back and check every (step, value) against the history.
# An event file is a TFRecord file of Event protos; tf.summary stores values as tensors.
logged = {}
for split in splits:
    for path in glob.glob(f"{run_dir}/{split}/events.out.tfevents.*"):
        for record in tf.data.TFRecordDataset(path):
            event = tf.compat.v1.Event.FromString(record.numpy())
            for value in event.summary.value:
                assert value.WhichOneof("value") == "tensor"  # proof: stored-as
                point = (event.step, float(tf.make_ndarray(value.tensor)))
                logged.setdefault(f"{split}_{value.tag}", []).append(point)
# One point per epoch, at its step, holding the value computed during training.
for name, points in logged.items():
    steps, values = zip(*points)
    assert list(steps) == epochs  # proof: one-per-epoch
    assert np.abs(np.subtract(values, history[name])).max() < 1e-6  # proof: points
print(
    "points read back per curve: "
    f"{ {name: len(points) for name, points in logged.items()} }"
)
print(f"validation accuracy, last epoch: {history['validation_accuracy'][-1]:.3f}")
# proof: same-tags
assert sorted(logged) == [f"{s}_{t}" for s in splits for t in ("accuracy", "loss")]

# The same curves, drawn from the event files with matplotlib.
plt.rcParams["svg.hashsalt"] = "q24"
fig, axes = plt.subplots(1, 2, figsize=(8, 3))
for ax, tag in zip(axes, ("loss", "accuracy")):
    for split in splits:
        ax.plot(*zip(*logged[f"{split}_{tag}"]), marker="o", label=split)
    ax.set(title=tag, xlabel="epoch")
    ax.legend()
fig.suptitle("TensorFlow: curves read back from the event files")
fig.tight_layout()
fig.savefig("curves.svg", metadata={"Date": None})
