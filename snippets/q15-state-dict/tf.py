import keras

keras.utils.set_random_seed(0)


def build_model():
    return keras.Sequential(
        [
            keras.Input((4,)),
            keras.layers.Dense(8, activation="relu"),
            keras.layers.Dense(3),
        ]
    )


model = build_model()
x = keras.random.normal((5, 4))

# save_weights writes every variable to an HDF5 file whose name must end in .weights.h5.
model.save_weights("model.weights.h5")
print(f"saved: { {v.path: tuple(v.shape) for v in model.weights} }")

# Loading needs the code that builds the model; the file holds only arrays.
# Keras matches them to a Sequential model's layers by position, not by name.
restored = build_model()
# A new build differs until it loads.
assert float(keras.ops.max(keras.ops.abs(restored(x) - model(x)))) > 0
restored.load_weights("model.weights.h5")

max_difference = float(keras.ops.max(keras.ops.abs(restored(x) - model(x))))
print(f"max |difference| of predictions after the round trip: {max_difference}")
assert max_difference == 0  # proof: round-trip
