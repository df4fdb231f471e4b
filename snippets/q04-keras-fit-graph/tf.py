import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(0)
rng = np.random.default_rng(0)
x = rng.normal(size=(32, 3)).astype("float32")
y = rng.normal(size=(32, 1)).astype("float32")
batch_size, epochs = 8, 2
batches = epochs * len(x) // batch_size


# A model whose call counts how often Python runs it and branches on a tensor value.
class Gate(keras.Model):
    def __init__(self):
        super().__init__()
        self.dense = keras.layers.Dense(1)
        self.calls = 0

    def call(self, x):
        self.calls += 1
        y = self.dense(x)
        if keras.ops.sum(x) < 0:  # A Python if on a tensor value.
            y = -y
        return y


def build(model_class, **compile_args):
    model = model_class()
    model(
        x[:batch_size]
    )  # Build the weights with one eager call, then reset the counter.
    model.calls = 0
    model.compile(optimizer="sgd", loss="mse", **compile_args)
    return model


# compile() defaults: run_eagerly=False, jit_compile="auto" (XLA only where a GPU is
# visible).
model = build(Gate)
gpus = tf.config.list_physical_devices("GPU")
print(f"run_eagerly: {model.run_eagerly}, jit_compile: {model.jit_compile}")
assert model.run_eagerly is False and model.jit_compile == bool(gpus)  # proof: defaults

# Default fit traces the train step with tf.function, so the Python if sees a symbolic
# tensor.
try:
    model.fit(x, y, batch_size=batch_size, epochs=epochs, verbose=0)
    failed = None
except tf.errors.OperatorNotAllowedInGraphError as error:
    failed = type(error).__name__
print(f"default fit: {failed}")
assert failed == "OperatorNotAllowedInGraphError"  # proof: fit-fails

# run_eagerly=True runs call as plain Python on every batch.
model = build(Gate, run_eagerly=True)
model.fit(x, y, batch_size=batch_size, epochs=epochs, verbose=0)
print(f"eager loop: calls {model.calls} for {batches} batches")
assert model.calls == batches  # proof: eager-calls


# keras.ops.cond puts the branch into the graph, so default fit works; Python runs
# only to trace.
class CondGate(Gate):
    def call(self, x):
        self.calls += 1
        y = self.dense(x)
        return keras.ops.cond(keras.ops.sum(x) < 0, lambda: -y, lambda: y)


model = build(CondGate)
model.fit(x, y, batch_size=batch_size, epochs=epochs, verbose=0)
print(f"graph path: calls {model.calls} for {batches} batches")
assert 1 <= model.calls <= 2  # proof: traced-calls
