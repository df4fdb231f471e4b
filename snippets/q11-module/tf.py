import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(0)
tf.config.experimental.enable_tensor_float_32_execution(False)  # Full float32 on GPUs.


# Subclass keras.Model: create layers in __init__, wire them in call.
class Net(keras.Model):
    def __init__(self):
        super().__init__()
        self.hidden = keras.layers.Dense(
            8
        )  # Keras layers infer their input size on first call.
        self.dropout = keras.layers.Dropout(0.5)
        self.out = keras.layers.Dense(3)

    def call(self, x, training=False):
        return self.out(self.dropout(keras.ops.relu(self.hidden(x)), training=training))


model = Net()
model(
    keras.ops.zeros((1, 4))
)  # The first call creates the weights: the input size is known.
# Layers assigned as attributes are tracked: their weights are found by path.
for weight in model.weights:
    print(f"{weight.path}: {tuple(weight.shape)}")
n_params = model.count_params()
print(f"parameters: {n_params}")
assert n_params == 4 * 8 + 8 + 8 * 3 + 3

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
assert train_differs and np.array_equal(keras.ops.convert_to_numpy(model(x)), output)
