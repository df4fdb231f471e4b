import os
import platform
import statistics
import time

import keras
import tensorflow as tf

from mnist_data import load_mnist

keras.utils.set_random_seed(0)
device = "gpu" if tf.config.list_physical_devices("GPU") else "cpu"
print(
    f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
    f"{device}"
)
# Threads per operation: 0 means TensorFlow sizes its thread pools itself.
intra_op = tf.config.threading.get_intra_op_parallelism_threads()
# proof: threads
print(
    f"tensorflow {tf.__version__}, keras {keras.__version__}, intra-op threads: "
    f"{intra_op}"
)

images, labels = load_mnist("train", n=1024)
x = tf.constant(images.reshape(-1, 784) / 255.0, dtype=tf.float32)
y = tf.constant(labels)
batch_size = 32


def make_model():
    keras.utils.set_random_seed(0)
    model = keras.Sequential(
        [
            keras.Input((784,)),
            keras.layers.Dense(128, activation="relu"),
            keras.layers.Dense(10),
        ]
    )
    return model


def measure(step, repeats=7, calls=20):
    """Median and quartiles, in milliseconds per call, after three warm-up calls."""
    for i in range(3):
        step(i)
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        for i in range(calls):
            step(i)
        samples.append((time.perf_counter() - start) / calls * 1000)
    q1, median, q3 = statistics.quantiles(samples, n=4)
    return round(median, 4), round(q1, 4), round(q3, 4)


def train_step_for(model, jit_compile):
    optimizer = keras.optimizers.SGD(learning_rate=0.1)
    loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)

    # tf.function traces the Python step into a graph; jit_compile=True hands it to XLA.
    @tf.function(jit_compile=jit_compile)
    def train_step(xb, yb):
        with tf.GradientTape() as tape:
            loss = loss_fn(yb, model(xb, training=True))
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(grads, model.trainable_variables))
        return loss

    def step(i):
        start = (i * batch_size) % len(images)
        # .numpy() waits for the result, so the clock sees the whole step.
        train_step(x[start : start + batch_size], y[start : start + batch_size]).numpy()

    return step


def fit_step_for(model):
    # Keras fit: the time of one epoch of fit over 20 batches, per batch.
    model.compile(
        optimizer=keras.optimizers.SGD(learning_rate=0.1),
        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    )
    xs, ys = x[: 20 * batch_size], y[: 20 * batch_size]
    model.fit(
        xs, ys, batch_size=batch_size, epochs=1, verbose=0
    )  # Builds the train function.
    # fit traces its step with tf.function; jit_compile="auto" picks XLA only
    # where a GPU is seen.
    print(f"keras fit: run_eagerly {model.run_eagerly}, XLA {model.jit_compile}")
    # proof: fit-settings
    assert not model.run_eagerly and model.jit_compile == (device == "gpu")

    def step(i):
        if i % 20 == 0:
            model.fit(xs, ys, batch_size=batch_size, epochs=1, verbose=0, shuffle=False)

    return step


# Training: one optimizer step on a batch of 32, three ways.
training = {"setting": [], "median_ms": [], "q1_ms": [], "q3_ms": []}
compile_start = time.perf_counter()
compiled_step = train_step_for(make_model(), jit_compile=True)
compiled_step(0)
compile_seconds = time.perf_counter() - compile_start
print(f"XLA first call (tracing and compilation): {compile_seconds:.1f} s")
for setting, step in [
    ("keras fit", fit_step_for(make_model())),
    ("tf.function loop", train_step_for(make_model(), jit_compile=False)),
    ("tf.function + XLA", compiled_step),
]:
    median, q1, q3 = measure(step)
    for key, value in zip(training, (setting, median, q1, q3), strict=True):
        training[key].append(value)

# Inference: one forward pass in inference mode, at three batch sizes.
model = make_model()
forward = tf.function(lambda batch: model(batch, training=False))
inference = {"batch_size": [1, 32, 256], "median_ms": [], "q1_ms": [], "q3_ms": []}
for size in inference["batch_size"]:
    median, q1, q3 = measure(lambda i, size=size: forward(x[:size]).numpy())
    inference["median_ms"].append(median)
    inference["q1_ms"].append(q1)
    inference["q3_ms"].append(q3)

print("training step, batch of 32 (median [quartiles] ms):")
for setting, median, q1, q3 in zip(*training.values(), strict=True):
    print(f"  {setting:<22} {median:8.3f} [{q1:.3f}, {q3:.3f}]")
print("inference (median [quartiles] ms):")
for size, median, q1, q3 in zip(*inference.values(), strict=True):
    print(f"  batch {size:<4} {median:8.3f} [{q1:.3f}, {q3:.3f}]")
assert all(m > 0 for m in training["median_ms"] + inference["median_ms"])
# The first compiled call costs far more than a compiled step once warm.
assert compile_seconds * 1000 > 10 * training["median_ms"][2]  # proof: compile-costs
