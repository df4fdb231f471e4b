import numpy as np
import tensorflow as tf

from mnist_data import load_mnist

tf.random.set_seed(0)


def preprocess(image, label, index):
    """Run per sample inside the pipeline's graph; batch() then stacks the samples."""
    return tf.cast(image, tf.float32) / 255.0, label, index


images, labels = load_mnist("train", n=1000)
dataset = tf.data.Dataset.from_tensor_slices((images, labels, np.arange(len(labels))))
dataset = dataset.map(preprocess)

# Without shuffling, batches follow the dataset's order.
loader = dataset.batch(32)
first_images, first_labels, first_indices = next(iter(loader))
print(
    f"batches per epoch: {len(loader)}, first batch shape: {tuple(first_images.shape)}"
)
print(f"first batch labels: {first_labels[:10].numpy().tolist()} ...")
assert first_indices.numpy().tolist() == list(range(32))  # proof: in-order

# The agreement box compares first_images pixel by pixel, with no tolerance; the
# nearest wrong batch, samples 1 to 32, differs from it by far more than that.
shifted = next(iter(dataset.skip(1).batch(32)))[0]
shift_change = float(tf.reduce_max(tf.abs(shifted - first_images)))
print(f"largest pixel change if the batch is one sample off: {shift_change}")
assert shift_change > 0.5  # proof: one-off-differs

# shuffle() draws a new order every epoch (reshuffle_each_iteration=True by default);
# a seed makes the orders repeatable. A buffer as large as the dataset gives a full
# shuffle.
loader = dataset.shuffle(buffer_size=len(labels), seed=0).batch(32)
epochs = [
    np.concatenate([indices for _, _, indices in loader]).tolist() for _ in range(2)
]
# proof: orders-printed
print(f"shuffled, epoch 1 starts with: {epochs[0][:8]}, epoch 2 with: {epochs[1][:8]}")
# proof: new-permutation
assert epochs[0] != epochs[1] and sorted(epochs[0]) == sorted(epochs[1]) == list(
    range(1000)
)

# The same seed again gives the same orders.
loader = dataset.shuffle(buffer_size=len(labels), seed=0).batch(32)
repeated = [
    np.concatenate([indices for _, _, indices in loader]).tolist() for _ in range(2)
]
print(f"same seed, same orders: {repeated == epochs}")
assert repeated == epochs  # proof: same-seed-repeats

# Another seed gives other orders.
loader = dataset.shuffle(buffer_size=len(labels), seed=1).batch(32)
other = np.concatenate([indices for _, _, indices in loader]).tolist()
print(f"seed 1, epoch 1 starts with: {other[:8]}")
assert other != epochs[0]  # proof: other-seed-differs
