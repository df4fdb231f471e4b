import zipfile

import keras

keras.utils.set_random_seed(0)
x, y = keras.random.normal((64, 4)), keras.random.normal((64, 3))


def build():
    model = keras.Sequential(
        [
            keras.Input((4,)),
            keras.layers.Dense(8, activation="relu"),
            keras.layers.Dense(3),
        ]
    )
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01), loss="mse")
    return model


model = build()
for _ in range(5):
    model.train_on_batch(x, y)

# A .keras file holds the architecture, the weights and the optimizer's state together:
# a zip archive of the config as JSON and the variables as HDF5.
model.save("model.keras")
print(f"file holds: {zipfile.ZipFile('model.keras').namelist()}")

# No build() call: load_model rebuilds the model (and compiles it) from the file.
restored = keras.models.load_model("model.keras")
print(f"restored at step {int(restored.optimizer.iterations)}")
assert int(restored.optimizer.iterations) == 5  # proof: iterations

# Weights alone are not enough: a new Adam starts again from step 1.
fresh = build()
fresh.set_weights(restored.get_weights())

# One more step on the original and on the restored copy lands on the same weights.
model.train_on_batch(x, y)
restored.train_on_batch(x, y)
fresh.train_on_batch(x, y)
max_difference = max(
    float(keras.ops.max(keras.ops.abs(a - b)))
    for a, b in zip(model.weights, restored.weights)
)
fresh_difference = max(
    float(keras.ops.max(keras.ops.abs(a - b)))
    for a, b in zip(model.weights, fresh.weights)
)
print(f"max |difference| of weights after one more step: {max_difference}")
print(f"the same, without the optimizer's state: {fresh_difference:.3g}")
assert max_difference == 0 < fresh_difference  # proof: resume
