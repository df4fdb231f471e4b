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


def new_model():
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(1)])
    model.layers[0].set_weights([start_kernel, np.zeros(1, "float32")])
    model.compile(optimizer=keras.optimizers.SGD(learning_rate), loss="mse")
    return model


def train(model, x, y):
    # One full batch per epoch: fit splits it across the replicas, and the
    # optimizer sums their gradients, each of a loss already divided by the number
    # of replicas.
    model.fit(x, y, batch_size=len(x), epochs=steps, shuffle=False, verbose=0)


# MirroredStrategy keeps a copy of every variable on each device of this one process.
strategy = tf.distribute.MirroredStrategy(["/cpu:0", "/cpu:1"])
print(f"replicas: {strategy.num_replicas_in_sync}")
assert strategy.num_replicas_in_sync == world_size
with strategy.scope():
    model = new_model()


# Under the strategy, a Keras loss on one replica's slice is the slice's mean divided
# by the number of replicas, so the sum of the replicas' gradients, which the
# optimizer takes, is the gradient of the mean loss over the whole batch.
@tf.function
def replica_gradient(x_part, y_part):
    with tf.GradientTape() as tape:
        loss = keras.losses.MeanSquaredError()(y_part, model(x_part))
    return tape.gradient(loss, model.trainable_variables[0])


batches = strategy.experimental_distribute_dataset(
    tf.data.Dataset.from_tensor_slices((x, y)).batch(len(x))
)
summed = strategy.reduce(
    "SUM", strategy.run(replica_gradient, args=next(iter(batches))), None
)
full = new_model()
with tf.GradientTape() as tape:
    full_loss = keras.losses.MeanSquaredError()(y, full(x))
gap = float(
    tf.reduce_max(
        tf.abs(summed - tape.gradient(full_loss, full.trainable_variables[0]))
    )
)
print(f"gradient after one step, largest difference from the full batch's: {gap:.2e}")
assert gap < 1e-5
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
assert difference < 1e-6
# Training on one half alone ends elsewhere: the averaging is what makes them agree.
half = new_model()
train(half, x[:32], y[:32])
assert np.abs(half.layers[0].kernel - single.layers[0].kernel).max() > 1e-2
