import keras
import tensorflow as tf

keras.utils.set_random_seed(0)

# List what TensorFlow can use: the CPU always, GPUs when a driver and a GPU are
# present.
gpus = tf.config.list_physical_devices("GPU")
print(f"accelerator available: {bool(gpus)}, count: {len(gpus)}")
for gpu in gpus:
    print(
        f"  {gpu.name}: "
        f"{tf.config.experimental.get_device_details(gpu).get('device_name')}"
    )
device = "GPU" if gpus else "CPU"
print(f"Using {device} device")

# Naming a GPU that is not there falls back to the CPU (soft device placement, on by
# default); with soft placement turned off, the same code raises.
if not gpus:
    with tf.device("/GPU:0"):
        fallback = tf.identity(tf.zeros(1))
    print(f"'/GPU:0' without a GPU: placed on {fallback.device}")
    # proof: named-gpu
    assert fallback.device.endswith("CPU:0") and tf.config.get_soft_device_placement()
    tf.config.set_soft_device_placement(False)
    try:
        with tf.device("/GPU:0"):
            tf.identity(tf.zeros(1))
        failed = False
    except tf.errors.InvalidArgumentError as error:
        failed = True
        print(f"without soft placement: {type(error).__name__}")
    tf.config.set_soft_device_placement(True)
    assert failed  # proof: soft-placement-off

# Operations are placed automatically: one with a GPU kernel runs on the first GPU if
# any.
created = tf.constant([[1.0, 2.0, 3.0]])
print(f"created on: {created.device}")
doubled = created * 2
print(f"operation result on: {doubled.device}")
assert doubled.device.endswith(f"{device}:0")  # proof: auto-placement
# An explicit copy runs an operation inside a tf.device scope.
with tf.device(device):
    x = tf.identity(created)
print(f"after the move: {x.device}")
assert x.device.endswith(f"{device}:0")  # proof: move-tensor

# A model's variables are placed automatically too; no call moves the whole model.
model = keras.layers.Dense(1)
model.build((None, 3))
model.set_weights([tf.constant([[0.5], [-1.0], [2.0]]), tf.constant([0.25])])
print(f"variable on: {model.kernel.value.device}")
output = model(x)
print(f"output on: {output.device}")
# proof: same-device
assert output.device.endswith(f"{device}:0")
assert model.kernel.value.device.endswith(f"{device}:0")  # proof: model-in-place

# Pinning work to the CPU: run the operations inside a tf.device scope.
with tf.device("/CPU:0"):
    on_cpu = model(tf.identity(x))
print(f"pinned to: {on_cpu.device}")
assert on_cpu.device.endswith("CPU:0")  # proof: pin-cpu

# .numpy() copies a result to host memory from wherever it lives.
result = output.numpy()
print(f"result: {result}")
