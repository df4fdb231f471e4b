import keras
import numpy as np
import tensorflow as tf

# Two CPU replicas, so the file runs the same with or without a GPU. The same seeded
# data and weights in both files: every row below is compared with the PyTorch file.
cpu = tf.config.list_physical_devices("CPU")[0]
tf.config.set_logical_device_configuration(
    cpu, [tf.config.LogicalDeviceConfiguration()] * 2
)
rng = np.random.default_rng(0)
features = rng.standard_normal((8, 3)).astype(np.float32)
targets = rng.standard_normal((8, 1)).astype(np.float32)
# The kernel, as Keras stores it: (in, out).
kernel = rng.standard_normal((3, 1)).astype(np.float32)
strategy = tf.distribute.MirroredStrategy(["/cpu:0", "/cpu:1"])

# world_size: the number of processes (PyTorch) or replicas (TensorFlow).
world_size = strategy.num_replicas_in_sync
print(f"world_size: {world_size}")


# rank: this process's index (PyTorch) or this replica's (TensorFlow).
def replica_rank():
    return tf.distribute.get_replica_context().replica_id_in_sync_group


rank = [int(r) for r in strategy.experimental_local_results(strategy.run(replica_rank))]
print(f"rank: {rank}")


# all_reduce: PyTorch sums in place, across processes; TensorFlow returns the sum.
def summed():
    ctx = tf.distribute.get_replica_context()
    t = tf.constant([1.0, 2.0]) * tf.cast(ctx.replica_id_in_sync_group + 1, tf.float32)
    return ctx.all_reduce(tf.distribute.ReduceOp.SUM, t)


all_reduce = strategy.experimental_local_results(strategy.run(summed))[0]
print(f"all_reduce: {all_reduce.numpy().tolist()}")


# all_reduce_mean: the average across processes or replicas.
def averaged():
    ctx = tf.distribute.get_replica_context()
    t = tf.constant([1.0, 2.0]) * tf.cast(ctx.replica_id_in_sync_group + 1, tf.float32)
    return ctx.all_reduce(tf.distribute.ReduceOp.MEAN, t)


all_reduce_mean = strategy.experimental_local_results(strategy.run(averaged))[0]
print(f"all_reduce_mean: {all_reduce_mean.numpy().tolist()}")

# global_batch: DistributedSampler deals samples round-robin (rank r gets r, r + 2,
# ...); TensorFlow cuts each global batch into consecutive slices, one per replica.
ds = tf.data.Dataset.from_tensor_slices((features, tf.range(8)))
_, first_ids = next(iter(strategy.experimental_distribute_dataset(ds.batch(4))))
slices = [
    ids.numpy().tolist() for ids in strategy.experimental_local_results(first_ids)
]
assert slices == [[0, 1], [2, 3]]
global_batch = sorted(i for ids in slices for i in ids)
print(f"global_batch: replica 0 {slices[0]}, replica 1 {slices[1]}")

# ddp_step: each process computes the mean loss of its own samples; DDP averages the
# gradients, so one step matches one step on the whole batch.
with strategy.scope():
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(1)])
    model.set_weights([kernel, np.zeros(1, np.float32)])
    optimizer = keras.optimizers.SGD(learning_rate=0.1)
batches = iter(
    strategy.experimental_distribute_dataset(
        tf.data.Dataset.from_tensor_slices((features, targets)).batch(8)
    )
)


@tf.function
def step(x, y):
    with tf.GradientTape() as tape:
        per_sample = tf.reduce_mean(tf.square(model(x) - y), axis=1)
        # Divide by the global batch: the optimizer sums the replicas' gradients.
        loss = tf.nn.compute_average_loss(per_sample, global_batch_size=8)
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))


strategy.run(step, args=next(batches))
ddp_step = model.layers[0].kernel
print(f"ddp_step: {ddp_step.numpy().flatten().tolist()}")
