import warnings

import keras

keras.utils.set_random_seed(0)


def build_model(width=8, first="hidden"):
    layers = [
        keras.layers.Dense(width, activation="relu", name=first),
        keras.layers.Dense(3),
    ]
    return keras.Sequential([keras.Input((4,)), *layers])


def load_error(model, path):
    try:
        model.load_weights(path)
        return None
    except ValueError as error:
        return str(error).splitlines()[2].split(" Target")[0]


model = build_model()
model.save_weights("model.weights.h5")
print(f"saved: {[v.path for v in model.weights]}")

# Keras matches arrays by layer position and type: a renamed layer still loads.
renamed_error = load_error(build_model(first="encoder"), "model.weights.h5")
print(f"renamed layer: {renamed_error or 'loads'}")

# A changed width fails: the positions match but the shapes do not.
resized_error = load_error(build_model(width=16), "model.weights.h5")
print(f"wider layer: {resized_error or 'loads'}")
assert renamed_error is None and resized_error is not None

# skip_mismatch=True skips every layer with a mismatched shape and warns instead of
# failing. A wider first layer also changes the second layer's kernel, so both layers
# are skipped here.
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    build_model(width=16).load_weights("model.weights.h5", skip_mismatch=True)
report = next(str(w.message) for w in caught if "could not be loaded" in str(w.message))
print(f"skip_mismatch=True: {report.split('.')[0]}")
assert report.startswith("A total of 2 objects could not be loaded")
