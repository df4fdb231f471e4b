import time

import tensorflow as tf

from mnist_data import load_mnist

tf.random.set_seed(0)


python_calls = []  # map() runs a function's Python code only to trace it into a graph.


def scale(image, label):
    python_calls.append("scale")
    return tf.cast(image, tf.float32) / 255.0, label


def shift(image, label):
    python_calls.append("shift")
    offsets = tf.random.uniform((2,), -2, 3, dtype=tf.int32)
    return tf.roll(image, shift=offsets, axis=(0, 1)), label


images, labels = load_mnist("train", n=9800)
dataset = tf.data.Dataset.from_tensor_slices((images, labels))

# cache() keeps the scaled images after the first epoch; the random shift comes after
# it so each epoch still gets new shifts. num_parallel_calls runs map() on several
# threads and prefetch() prepares the next batches while the current one is consumed.
parallel = tf.data.AUTOTUNE
loaders = {
    "sequential": dataset.map(scale).cache().shuffle(len(labels)).map(shift).batch(64),
    "parallel": dataset.map(scale, num_parallel_calls=parallel)
    .cache()
    .shuffle(len(labels))
    .map(shift, num_parallel_calls=parallel)
    .batch(64)
    .prefetch(parallel),
}
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
        print(f"{name}, epoch {epoch}: {rate:,.0f} images/s")
        assert seen == len(labels)

# Four map() calls, each traced once; the 2 x 2 epochs of 9,800 images ran in the
# graphs.
print(f"Python calls of the map functions: {len(python_calls)}")
assert len(python_calls) == 4
