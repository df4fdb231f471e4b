import keras
import numpy as np
import tensorflow as tf

# Full float32 on GPUs too (no TF32).
tf.config.experimental.enable_tensor_float_32_execution(False)
# The same seeded weights and inputs in both files; files go to the working directory.
rng = np.random.default_rng(0)
rows = tf.constant(rng.standard_normal((4, 3)).astype(np.float32))
targets = tf.constant(rng.standard_normal((4, 2)).astype(np.float32))
# The kernel, as Keras stores it: (in, out).
kernel = rng.standard_normal((3, 2)).astype(np.float32)


def new_model():
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])
    model.set_weights([kernel, np.zeros(2, np.float32)])
    return model


# state_dict: weights only, loaded into a model built by your code.
model = new_model()
model.save_weights("model.weights.h5")
try:
    model.save_weights("model.h5")
    raise AssertionError("save_weights accepted a name without .weights.h5")
except ValueError as error:
    print(f"state_dict: save_weights('model.h5'): ValueError: {str(error)[:60]}...")
restored = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])
restored.load_weights("model.weights.h5")
state_dict = restored(rows)
print(f"state_dict: {state_dict[0].numpy().tolist()}")

# whole_model: torch.save pickles the module, and torch.load refuses it unless
# weights_only=False (the default is True since PyTorch 2.6); a .keras file is a zip of
# config and weights, and a custom layer in it needs its class to load.
model = new_model()
model.save("model.keras")
whole_model = keras.models.load_model("model.keras")(rows)


class Double(keras.layers.Layer):
    def call(self, x):
        return 2 * x


keras.Sequential([keras.Input((3,)), Double()]).save("custom.keras")
try:
    keras.models.load_model("custom.keras")
    raise AssertionError("a custom layer loaded without its class")
except TypeError:
    print("whole_model: a custom layer without custom_objects: TypeError")
custom = keras.models.load_model("custom.keras", custom_objects={"Double": Double})
assert bool(tf.reduce_all(custom(rows) == 2 * rows))
print(f"whole_model: {whole_model[0].numpy().tolist()}")

# checkpoint: model and opt state together, to resume training.
model = new_model()
opt = keras.optimizers.Adam(learning_rate=0.1)
with tf.GradientTape() as tape:
    loss = keras.losses.MeanSquaredError()(targets, model(rows))
opt.apply_gradients(zip(tape.gradient(loss, model.trainable_variables), model.weights))
tf.train.Checkpoint(model=model, optimizer=opt).write("ckpt")
resumed = new_model()
resumed_optimizer = keras.optimizers.Adam(learning_rate=0.1)
resumed_optimizer.build(resumed.trainable_variables)
tf.train.Checkpoint(model=resumed, optimizer=resumed_optimizer).read(
    "ckpt"
).assert_consumed()
with tf.GradientTape() as tape:
    loss = keras.losses.MeanSquaredError()(targets, resumed(rows))
grads = tape.gradient(loss, resumed.trainable_variables)
resumed_optimizer.apply_gradients(zip(grads, resumed.trainable_variables))
checkpoint = resumed.layers[0].kernel
print(
    f"checkpoint: kernel after a resumed second step {checkpoint[0].numpy().tolist()}"
)

# weights_as_arrays: PyTorch names each tensor ("0.weight", shape (out, in)); Keras
# returns a list of arrays in layer order (kernel (in, out), then bias).
model = new_model()
weights_as_arrays = model.get_weights()
print(f"weights_as_arrays: {[a.shape for a in weights_as_arrays]}")

# optimizer_state: Adam's first moment after one step.
optimizer_state = opt.variables[2]
assert optimizer_state.path.endswith("kernel_momentum")  # Names follow the layers.
print(f"optimizer_state: {optimizer_state[0].numpy().tolist()}")

# count_params: the number of parameters.
model = new_model()
count_params = model.count_params()
print(f"count_params: {count_params}")
