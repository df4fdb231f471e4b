import keras
import numpy as np
import tensorflow as tf

tf.config.experimental.enable_tensor_float_32_execution(False)  # Full float32 on GPUs.

# Split the CPU into two logical devices; this must happen before TensorFlow initializes
# its devices.
cpu = tf.config.list_physical_devices("CPU")[0]
tf.config.set_logical_device_configuration(
    cpu, [tf.config.LogicalDeviceConfiguration()] * 2
)

# The same seeded data and starting weights in both files: 64 samples, a linear model.
rng = np.random.default_rng(0)
x = rng.normal(size=(64, 4)).astype("float32")
y = (x @ rng.normal(size=(4, 1)) + 0.1 * rng.normal(size=(64, 1))).astype("float32")
start_kernel = rng.normal(size=(4, 1)).astype("float32")
steps, learning_rate, world_size = 20, 0.1, 2


def new_model(batch_norm=False, synchronized=False):
    # BatchNormalization normalizes each feature with the statistics of its batch;
    # synchronized=True computes them over all replicas (TensorFlow backend only).
    layers = [keras.Input((4,)), keras.layers.Dense(1)]
    if batch_norm:
        layers.insert(1, keras.layers.BatchNormalization(synchronized=synchronized))
    model = keras.Sequential(layers)
    model.layers[-1].set_weights([start_kernel, np.zeros(1, "float32")])
    model.compile(optimizer=keras.optimizers.SGD(learning_rate), loss="mse")
    return model


def train(model, x, y):
    # One full batch per epoch: fit splits it across the replicas, and the
    # optimizer sums their gradients, each of a loss already divided by the number
    # of replicas.
    model.fit(x, y, batch_size=len(x), epochs=steps, shuffle=False, verbose=0)


def gradients(model, x, y):
    with tf.GradientTape() as tape:
        loss = keras.losses.MeanSquaredError()(y, model(x, training=True))
    return tape.gradient(loss, model.trainable_variables)


def largest_difference(grads, others):
    return max(float(tf.reduce_max(tf.abs(a - b))) for a, b in zip(grads, others))


# MirroredStrategy keeps a copy of every variable on each device of this one process.
strategy = tf.distribute.MirroredStrategy(["/cpu:0", "/cpu:1"])
print(f"replicas: {strategy.num_replicas_in_sync}")
assert strategy.num_replicas_in_sync == world_size
batches = strategy.experimental_distribute_dataset(
    tf.data.Dataset.from_tensor_slices((x, y)).batch(len(x))
)


# Under the strategy, a Keras loss on one replica's slice is the slice's mean divided
# by the number of replicas, so the sum of the replicas' gradients, which the
# optimizer takes, is the gradient of the mean loss over the whole batch.
def replica_gradients(model, reduction):
    step = tf.function(lambda x_part, y_part: gradients(model, x_part, y_part))
    return strategy.reduce(reduction, strategy.run(step, next(iter(batches))), None)


with strategy.scope():
    model = new_model()
    bn_model = new_model(batch_norm=True)
    sync_model = new_model(batch_norm=True, synchronized=True)
full = gradients(new_model(), x, y)
gap = largest_difference(replica_gradients(model, "SUM"), full)
# Averaging the replicas' gradients instead of summing them would halve the step.
mean_gap = largest_difference(replica_gradients(model, "MEAN"), full)
# Unsynchronized BatchNorm breaks this: each replica normalizes its 32 samples with
# their own statistics, so the summed gradient is not the full batch's.
bn_full = gradients(new_model(batch_norm=True), x, y)
bn_gap = largest_difference(replica_gradients(bn_model, "SUM"), bn_full)
# synchronized=True shares the statistics across the replicas, here on CPUs too.
sync_gap = largest_difference(replica_gradients(sync_model, "SUM"), bn_full)
print(f"gradient, largest difference from the full batch's: {gap:.2e}")
print(f"mean of the replicas' gradients, largest difference: {mean_gap:.2e}")
print(f"with BatchNorm, largest difference: {bn_gap:.2e}")
print(f"with synchronized BatchNorm, largest difference: {sync_gap:.2e}")
assert gap < 1e-5 < mean_gap  # proof: replica-gradients-sum-to-full-batch
assert bn_gap > 1e-2  # proof: batch-norm-differs
assert sync_gap < 1e-5  # proof: synchronized-batch-norm
train(model, x, y)
kernel, bias = (w.numpy() for w in model.layers[0].weights)

# The same training without a strategy, on one device.
single = new_model()
train(single, x, y)
difference = max(
    np.abs(kernel - single.layers[0].kernel).max(),
    np.abs(bias - single.layers[0].bias).max(),
)
print(f"kernel after {steps} steps on {world_size} replicas: {kernel.flatten()}")
print(f"largest difference from one device: {difference:.2e}")
# Training on one half alone ends elsewhere: the averaging is what makes them agree.
half = new_model()
train(half, x[:32], y[:32])
half_difference = np.abs(half.layers[0].kernel - single.layers[0].kernel).max()
print(f"trained on one half alone, largest difference: {half_difference:.2e}")
assert difference < 1e-6 < 1e-2 < half_difference  # proof: ddp-matches-one-process
