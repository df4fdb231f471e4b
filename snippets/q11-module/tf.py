import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(0)
tf.config.experimental.enable_tensor_float_32_execution(False)  # Full float32 on GPUs.


# Subclass keras.Model: create layers in __init__, wire them in call.
class Net(keras.Model):
    def __init__(self):
        super().__init__()
        self.hidden = keras.layers.Dense(8)  # Keras layers infer their input size.
        self.dropout = keras.layers.Dropout(0.5)
        self.out = keras.layers.Dense(3)

    def call(self, x, training=False):
        return self.out(self.dropout(keras.ops.relu(self.hidden(x)), training=training))


# Weights go to a GPU when TensorFlow sees one, with no call to move them.
model = Net()
no_weights_before_call = not model.weights
model(keras.ops.zeros((1, 4)))  # The first call creates the weights, for 4 inputs.
# proof: weights-on-first-call
assert no_weights_before_call and tuple(model.hidden.kernel.shape)[0] == 4
on_gpu = "GPU" in model.hidden.kernel.value.device
print(f"weights on: {'gpu' if on_gpu else 'cpu'}")
assert on_gpu == bool(tf.config.list_physical_devices("GPU"))  # proof: device-default
# Layers assigned as attributes are tracked: their weights are found by path.
for weight in model.weights:
    print(f"{weight.path}: {tuple(weight.shape)}")
n_params = model.count_params()
print(f"parameters: {n_params}")
assert n_params == 4 * 8 + 8 + 8 * 3 + 3  # proof: attributes-registered
# Dense stores its kernel as (in, out), under the layer's name.
# proof: weight-names
assert [weight.path for weight in model.weights] == [
    "net/dense/kernel",
    "net/dense/bias",
    "net/dense_1/kernel",
    "net/dense_1/bias",
]
assert tuple(model.hidden.kernel.shape) == (4, 8)  # proof: weight-shape


# Layers in a plain Python list are tracked too: Keras has no ModuleList.
class Stack(keras.Model):
    def __init__(self, container):
        super().__init__()
        self.blocks = container([keras.layers.Dense(8), keras.layers.Dense(3)])

    def call(self, x):
        for block in self.blocks:
            x = block(x)
        return x


stack = Stack(list)
stack(keras.ops.zeros((1, 4)))
in_list = stack.count_params()
print(f"parameters in a list: {in_list}")
assert in_list == n_params  # proof: list-tracked

# Load the same weights as the PyTorch version; Dense stores (in, out), so no transpose.
rng = np.random.default_rng(0)
weights = [rng.normal(size=s).astype(np.float32) for s in [(4, 8), (8,), (8, 3), (3,)]]
model.set_weights(weights)

# Dropout depends on the call: training=True drops, the default training=False does not.
x = rng.normal(size=(2, 4)).astype(np.float32)
train_differs = not np.array_equal(model(x, training=True), model(x, training=True))
output = keras.ops.convert_to_numpy(model(x))
print(f"training outputs differ between calls: {train_differs}")
print(f"inference output:\n{output}")
assert train_differs  # proof: train-drops
# Called without training=True, the output is the network without dropout.
no_dropout = keras.ops.convert_to_numpy(model.out(keras.ops.relu(model.hidden(x))))
assert np.array_equal(output, no_dropout)  # proof: inference-no-dropout
