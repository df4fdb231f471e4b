import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(0)
# The same seeded data in both files: ten samples of two features and a label each.
rng = np.random.default_rng(0)
features = rng.standard_normal((10, 2)).astype(np.float32)
labels = np.arange(10)

# dataset_first: one sample per index from in-memory arrays.
ds = tf.data.Dataset.from_tensor_slices((features, labels))
first = next(iter(ds))
dataset_first = [first[0], first[1]]
size = ds.cardinality().numpy()
print(f"dataset_first: {size} samples, first label {first[1].numpy()}")

# batch: batches of 4; the last, smaller batch is kept by default in both.
batch = [len(y) for _, y in ds.batch(4)]
print(f"batch: sizes {batch}")

# drop_last: drop the smaller last batch.
drop_last = [len(y) for _, y in ds.batch(4, drop_remainder=True)]
print(f"drop_last: sizes {drop_last}")

# shuffle: a new order every epoch in both; tf.data shuffles within a buffer, which must
# hold the whole ds for a full shuffle.
order = tf.concat([y for _, y in ds.shuffle(buffer_size=len(ds)).batch(4)], axis=0)
shuffle = sorted(order.numpy().tolist())
unshuffled = [int(y) for _, y in ds.shuffle(buffer_size=1)]
assert unshuffled == labels.tolist()  # A buffer of one sample shuffles nothing.
assert order.numpy().tolist() != labels.tolist()
print(f"shuffle: one epoch's order {order.numpy().tolist()}")

# transform: PyTorch transforms in __getitem__ (or a collate_fn); tf.data maps a
# function.
doubled = ds.map(lambda x, y: (x * 2, y), num_parallel_calls=tf.data.AUTOTUNE)
transform = tf.concat([x for x, _ in doubled.batch(4)], axis=0)
print(f"transform: {tuple(transform.shape)}")

# workers: batches loaded in parallel still arrive in order. PyTorch's worker processes
# need the __main__ guard where they are spawned; tf.data works inside the process.
loader = ds.batch(4).prefetch(tf.data.AUTOTUNE)
workers = tf.concat([y for _, y in loader], axis=0)
print(f"workers: labels in order {workers.numpy().tolist()}")


# generator: samples produced by Python code.
def squares():
    for i in range(5):
        yield [i * i]


spec = tf.TensorSpec(shape=(1,), dtype=tf.int64)
squares_dataset = tf.data.Dataset.from_generator(squares, output_signature=spec)
generator = tf.concat([x for x in squares_dataset.batch(2)], axis=0)
print(f"generator: {generator.numpy().tolist()}")

# padded_batch: sequences of different lengths, padded to the longest in each batch.
sequences = tf.data.Dataset.from_generator(
    lambda: (np.arange(1, n + 1) for n in (2, 4, 1, 3)),
    output_signature=tf.TensorSpec(shape=(None,), dtype=tf.int64),
)
padded_batch = [b.numpy().tolist() for b in sequences.padded_batch(2)]
print(f"padded_batch: {padded_batch}")

# split_dataset: random_split is always random; keras.utils.split_dataset keeps the
# order unless shuffle=True.
in_order, _ = keras.utils.split_dataset(ds, left_size=8)
assert [int(y) for _, y in in_order] == list(range(8))
train_part, test_part = keras.utils.split_dataset(ds, left_size=8, shuffle=True, seed=0)
split_dataset = [int(train_part.cardinality()), int(test_part.cardinality())]
print(f"split_dataset: sizes {split_dataset}")

# shard: each of 2 processes reads every second sample (without shuffling).
shard = [int(y) for _, y in ds.shard(num_shards=2, index=0)]
print(f"shard: rank 0 reads {shard}")

# repeat: PyTorch loops over epochs; tf.data can repeat the ds.
repeat = [y.numpy().tolist() for _, y in ds.repeat(2).batch(5)]
print(f"repeat: {len(repeat)} batches")
