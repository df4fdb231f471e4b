import gzip
import inspect

import keras
import numpy as np

from mnist_data import load_mnist

keras.utils.set_random_seed(0)

images, labels = load_mnist("train", n=1000)
test_images, test_labels = load_mnist("test")
x = images.reshape(-1, 784) / 255
y = labels
x_test = test_images.reshape(-1, 784) / 255
y_test = test_labels

model = keras.Sequential(
    [
        keras.Input((784,)),
        keras.layers.Dense(128, activation="relu"),
        keras.layers.Dense(10),
    ]
)
layers = model.layers
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=1e-3),
    loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
)
masks = []

# Keras has no pruning API: no public name in keras or its submodules mentions pruning.
modules = [
    m for name, m in vars(keras).items() if inspect.ismodule(m) and name != "src"
]
public_names = dir(keras) + [name for m in modules for name in dir(m)]
assert not [
    name for name in public_names if "prun" in name.lower()
]  # proof: no-pruning-api


# A callback puts the zeros back after every training batch.
class KeepPruned(keras.callbacks.Callback):
    def on_train_batch_end(self, batch, logs=None):
        for layer, mask in zip(layers, masks, strict=True):
            layer.kernel.assign(layer.kernel * mask)


def train(epochs, callbacks=()):
    model.fit(x, y, batch_size=50, epochs=epochs, verbose=0, callbacks=list(callbacks))


def measure(stage):
    accuracy = float(np.mean(model.predict(x_test, verbose=0).argmax(1) == y_test))
    weights = [layer.kernel.numpy() for layer in layers]
    sparsity = sum((w == 0).sum() for w in weights) / sum(w.size for w in weights)
    kilobytes = len(gzip.compress(b"".join(w.tobytes() for w in weights))) / 1024
    print(
        f"{stage:>20}: sparsity {sparsity:.3f}, accuracy {accuracy:.3f}, "
        f"gzip {kilobytes:.0f} kB"
    )
    return [stage, round(float(sparsity), 3), accuracy, round(kilobytes)]


train(epochs=10)
rows = [measure("dense")]
# Zero the 90% smallest-magnitude weights of each layer by hand, and keep the 0/1 masks.
for layer in layers:
    kernel = layer.kernel.numpy()
    cut = np.sort(np.abs(kernel), axis=None)[round(0.9 * kernel.size) - 1]
    masks.append((np.abs(kernel) > cut).astype("float32"))
    layer.kernel.assign(kernel * masks[-1])
rows.append(measure("pruned"))
# Fine-tuning updates every weight, and the callback zeros the pruned ones again:
# the zeros after fine-tuning are exactly the mask's zeros.
train(epochs=3, callbacks=[KeepPruned()])
rows.append(measure("pruned + fine-tuned"))
held = [np.array_equal(layer.kernel == 0, m == 0) for layer, m in zip(layers, masks)]
print(f"zeros exactly where the mask is 0: {held}")
assert held == [True, True]  # proof: mask-holds
zeros = sum(int((layer.kernel.numpy() == 0).sum()) for layer in layers)
print(f"zero weights: {zeros}")
# The zeros are ordinary values in the kernel: nothing to remove afterwards.
names = [w.name for w in layers[0].weights]
print(f"parameters after pruning: {names}")
assert names == ["kernel", "bias"]  # proof: removed

# Pruning zeroes weights but keeps every matrix dense and at its full size.
shapes = [tuple(layer.kernel.shape) for layer in layers]
# proof: full-shape
assert shapes == [(784, 128), (128, 10)]
n_params = model.count_params()
print(f"parameters: {n_params}")
assert n_params == 784 * 128 + 128 + 128 * 10 + 10  # proof: param-count

# The table on the page: one column per measure, one row per stage.
results = dict(zip(["stage", "sparsity", "accuracy", "gzip kB"], map(list, zip(*rows))))
sparsity = results["sparsity"]
assert sparsity == [0.0, 0.9, 0.9]
assert results["gzip kB"][1] < 0.5 * results["gzip kB"][0]  # proof: gzip-smaller
# Accuracy drops right after pruning and comes back to within a few points with
# fine-tuning.
assert results["accuracy"][1] < results["accuracy"][0] - 0.1  # proof: accuracy-drops
# proof: accuracy-recovers
assert results["accuracy"][2] > results["accuracy"][0] - 0.05
