import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(0)
tf.config.experimental.enable_tensor_float_32_execution(False)  # Full float32 on GPUs.

# tf.keras is Keras 3 here, the same package as `import keras`, running on TensorFlow.
print(f"keras {keras.version()}, backend: {keras.backend.backend()}")
assert keras.version().startswith("3.")  # proof: keras3
# proof: tf-keras-is-keras
assert (
    tf.keras.Sequential is keras.Sequential and keras.backend.backend() == "tensorflow"
)

# 1. Sequential: a plain stack of layers.
sequential = keras.Sequential(
    [
        keras.Input(shape=(4,)),
        keras.layers.Dense(8, activation="relu"),
        keras.layers.Dense(3),
    ]
)

# 2. Functional: call layers on symbolic inputs; the model is the graph from inputs to
# outputs.
inputs = keras.Input(shape=(4,))
hidden = keras.layers.Dense(8, activation="relu")(inputs)
functional = keras.Model(inputs, keras.layers.Dense(3)(hidden))
# A Functional model holds its graph of layer calls as data, before any input.
layers = [type(layer).__name__ for layer in functional.layers]
print(f"functional model type: {type(functional).__name__}, layers: {layers}")
assert layers == ["InputLayer", "Dense", "Dense"]  # proof: functional-layers


# 3. Subclassed: layers in __init__, Python code in call.
class Subclassed(keras.Model):
    def __init__(self):
        super().__init__()
        self.hidden = keras.layers.Dense(8, activation="relu")
        self.out = keras.layers.Dense(3)

    def call(self, x):
        return self.out(self.hidden(x))


subclassed = Subclassed()
assert not subclassed.weights  # proof: weights-on-first-call
subclassed(keras.ops.zeros((1, 4)))  # The first call creates the weights.

# Give every model the same weights; Dense kernels are (in, out).
rng = np.random.default_rng(0)
weights = [rng.normal(size=s).astype(np.float32) for s in [(4, 8), (8,), (8, 3), (3,)]]
x = rng.normal(size=(2, 4)).astype(np.float32)
models = {"sequential": sequential, "functional": functional, "subclassed": subclassed}
n_params, outputs = {}, {}
for name, model in models.items():
    model.set_weights(weights)
    n_params[name] = model.count_params()
    outputs[name] = keras.ops.convert_to_numpy(model(x))
    print(f"{name}: parameters {n_params[name]}")
assert set(n_params.values()) == {4 * 8 + 8 + 8 * 3 + 3}  # proof: same-count
gaps = [np.abs(outputs[name] - outputs["sequential"]).max() for name in models]
assert max(gaps) < 1e-6  # proof: same-output
output = outputs["sequential"]
print(f"output:\n{output}")
