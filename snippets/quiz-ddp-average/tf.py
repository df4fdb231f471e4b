import tensorflow as tf

# Split the CPU into two logical devices, so that one machine holds two replicas.
cpu = tf.config.list_physical_devices("CPU")[0]
tf.config.set_logical_device_configuration(
    cpu, [tf.config.LogicalDeviceConfiguration()] * 2
)
strategy = tf.distribute.MirroredStrategy(["/cpu:0", "/cpu:1"])

# One batch of 4 examples, split between 2 replicas; same data in the PyTorch file.
inputs = tf.reshape(tf.range(8, dtype=tf.float32), (4, 2)) / 8
targets = tf.constant([[1.0], [0.0], [1.0], [0.0]])
with strategy.scope():
    weight = tf.Variable([[0.5], [0.5]])
    bias = tf.Variable([0.0])


def replica_step(x, y):
    with tf.GradientTape() as tape:
        per_example = tf.reduce_mean((x @ weight + bias - y) ** 2, axis=1)
        # Dividing by the global batch size makes the replicas' sum the
        # whole-batch mean.
        local_loss = tf.nn.compute_average_loss(per_example, global_batch_size=4)
    return tape.gradient(local_loss, weight)


dataset = tf.data.Dataset.from_tensor_slices((inputs, targets)).batch(4)
x, y = next(iter(strategy.experimental_distribute_dataset(dataset)))
# Each replica keeps its own gradient; a custom loop sums them explicitly, or lets
# optimizer.apply_gradients do it (Keras fit does it for you).
per_replica = strategy.run(replica_step, args=(x, y))
grads = {
    rank: tf.reshape(g, [-1]).numpy().tolist()
    for rank, g in enumerate(strategy.experimental_local_results(per_replica))
}
print(f"gradient in each replica after the tape: {grads}")
grad = tf.reshape(strategy.reduce("SUM", per_replica, axis=None), [-1]).numpy().tolist()
print(f"sum over replicas: {grad}")

# The same variables on the whole batch, outside the replicas, for reference.
with tf.GradientTape() as tape:
    whole_batch_loss = tf.reduce_mean((inputs @ weight + bias - targets) ** 2)
whole = tf.reshape(tape.gradient(whole_batch_loss, weight), [-1]).numpy().tolist()
print(f"whole-batch gradient: {whole}")

# Each half on its own, outside the replicas, with the same loss.
own = []
for rank in range(2):
    half = slice(2 * rank, 2 * rank + 2)
    with tf.GradientTape() as tape:
        own_loss = tf.nn.compute_average_loss(
            tf.reduce_mean((inputs[half] @ weight + bias - targets[half]) ** 2, axis=1),
            global_batch_size=4,
        )
    own.append(tf.reshape(tape.gradient(own_loss, weight), [-1]).numpy().tolist())
print(f"each half's own gradient: {own}")
# proof: replicas-differ
assert grads[0] != grads[1] and all(
    max(abs(a - b) for a, b in zip(grads[rank], own[rank], strict=True)) < 1e-6
    for rank in range(2)
)
assert (
    max(abs(a - b) for a, b in zip(grad, whole, strict=True)) < 1e-6
)  # proof: replica-sum
