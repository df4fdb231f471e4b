import time

import tensorflow as tf

from mnist_data import load_mnist

tf.random.set_seed(0)  # Seeds shuffle().
rng = tf.random.Generator.from_seed(0)  # Draws the shifts; its state lives on.

python_calls = []  # map() runs a function's Python code only to trace it into a graph.


def scale(image, label):
    python_calls.append("scale")
    return tf.cast(image, tf.float32) / 255.0, label


def shift(image, label):
    python_calls.append("shift")
    offsets = rng.uniform((2,), -2, 3, dtype=tf.int32)
    return tf.roll(image, shift=offsets, axis=(0, 1)), label


images, labels = load_mnist("train", n=9800)
dataset = tf.data.Dataset.from_tensor_slices((images, labels))

# cache() keeps the scaled images after the first epoch; the random shift comes after
# it so each epoch still gets new shifts (from rng, see the end). num_parallel_calls
# runs map() on several threads and prefetch() prepares the next batches while the
# current one is consumed.
parallel = tf.data.AUTOTUNE
# By default tf.data would still run the stateless scale() on several threads and add
# a final prefetch(); these options keep the sequential pipeline sequential.
sequential = tf.data.Options()
sequential.experimental_optimization.map_parallelization = False
sequential.experimental_optimization.inject_prefetch = False
loaders = {
    "sequential": dataset.map(scale)
    .cache()
    .shuffle(len(labels))
    .map(shift)
    .batch(64)
    .with_options(sequential),
    "parallel": dataset.map(scale, num_parallel_calls=parallel)
    .cache()
    .shuffle(len(labels))
    .map(shift, num_parallel_calls=parallel)
    .batch(64)
    .prefetch(parallel),
}
optimization = {
    name: d.options().experimental_optimization for name, d in loaders.items()
}
off = optimization["sequential"]
assert off.map_parallelization is False and off.inject_prefetch is False  # proof: off
# None means the default, on.
assert optimization["parallel"].map_parallelization is None

throughput = {
    "pipeline": list(loaders),
    "epoch 1 (images/s)": [],
    "epoch 2 (images/s)": [],
}
for name, loader in loaders.items():
    for epoch in (1, 2):
        start = time.perf_counter()
        seen = sum(len(batch_labels) for _, batch_labels in loader)
        rate = seen / (time.perf_counter() - start)
        throughput[f"epoch {epoch} (images/s)"].append(round(rate))
        print(f"{name}, epoch {epoch}: {rate:,.0f} images/s")  # proof: rates
        assert seen == len(labels)

# Four map() calls, each traced once; the 2 x 2 epochs of 9,800 images ran in the
# graphs.
print(f"Python calls of the map functions: {len(python_calls)}")
assert sorted(python_calls) == ["scale"] * 2 + ["shift"] * 2  # proof: python-calls

# Under tf.random.set_seed, a stateful op such as tf.random.uniform draws the same
# sequence again in every epoch; the Generator's state carries over, so its draws
# change.


def draws(draw):
    offsets = tf.data.Dataset.range(4).map(lambda i: draw())
    return [[o.numpy().tolist() for o in offsets] for epoch in (1, 2)]


stateful = draws(lambda: tf.random.uniform((2,), -2, 3, dtype=tf.int32))
generator = draws(lambda: rng.uniform((2,), -2, 3, dtype=tf.int32))
print(f"stateful op, epochs 1 and 2: {stateful}")
print(f"generator, epochs 1 and 2: {generator}")
assert stateful[0] == stateful[1]  # proof: stateful-repeats
assert generator[0] != generator[1]  # proof: new-shifts
