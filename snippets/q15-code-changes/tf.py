import warnings

import h5py
import keras

keras.utils.set_random_seed(0)


def build_model(width=8, first="hidden"):
    layers = [
        keras.layers.Dense(width, activation="relu", name=first),
        keras.layers.Dense(3),
    ]
    return keras.Sequential([keras.Input((4,)), *layers])


def load_error(model, path, skip_mismatch=False):
    try:
        model.load_weights(path, skip_mismatch=skip_mismatch)
        return None
    except ValueError as error:
        return str(error).splitlines()[2].split(" Target")[0]


model = build_model()
model.save_weights("model.weights.h5")
# The file names each layer by its class and its place among its siblings.
saved = list(h5py.File("model.weights.h5")["layers"])
print(f"saved: {saved}")
assert saved == ["dense", "dense_1"]  # proof: stored-by-position

# A Sequential model's layers are stored by position and type, not by their names: a
# renamed layer still loads, and gets the saved values.
renamed = build_model(first="encoder")
renamed_error = load_error(renamed, "model.weights.h5")
print(f"renamed layer: {renamed_error or 'loads'}")
pairs = zip(renamed.get_weights(), model.get_weights(), strict=True)
# proof: renamed-loads
assert renamed_error is None and all((a == b).all() for a, b in pairs)

# A changed width fails: the positions match but the shapes do not.
resized_error = load_error(build_model(width=16), "model.weights.h5")
print(f"wider layer: {resized_error or 'loads'}")
assert resized_error is not None  # proof: wider-layer

# skip_mismatch=True skips every layer with a mismatched shape and warns instead of
# failing. A wider first layer also changes the second layer's kernel, so both layers
# are skipped here.
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    skipped_error = load_error(
        build_model(width=16), "model.weights.h5", skip_mismatch=True
    )
print(f"skip_mismatch=True, wider layer: {skipped_error or 'loads'}")
report = next(str(w.message) for w in caught if "could not be loaded" in str(w.message))
print(f"skip_mismatch=True warns: {report.split('.')[0]}")
assert skipped_error is None  # proof: skip-loads
assert report.startswith("A total of 2 objects could not be loaded")  # proof: skipped


# In a model class of your own, the names are the attribute names.
class Net(keras.Model):
    def __init__(self):
        super().__init__()
        self.hidden, self.head = keras.layers.Dense(8, "relu"), keras.layers.Dense(3)

    def call(self, x):
        return self.head(self.hidden(x))


class Reordered(Net):
    def __init__(self):  # The same attributes, created in the other order.
        keras.Model.__init__(self)
        self.head, self.hidden = keras.layers.Dense(3), keras.layers.Dense(8, "relu")


class Renamed(keras.Model):
    def __init__(self):  # The attribute hidden renamed to encoder.
        super().__init__()
        self.encoder, self.head = keras.layers.Dense(8, "relu"), keras.layers.Dense(3)

    def call(self, x):
        return self.head(self.encoder(x))


x = keras.random.normal((5, 4))
net, reordered, renamed = Net(), Reordered(), Renamed()
for subclassed in (net, reordered, renamed):
    subclassed(x)  # The first call creates the weights.
net.save_weights("net.weights.h5")
reordered_error = load_error(reordered, "net.weights.h5")
print(f"class, attributes reordered: {reordered_error or 'loads'}")
renamed_attribute_error = load_error(renamed, "net.weights.h5")
print(f"class, attribute renamed: {renamed_attribute_error or 'loads'}")
# proof: attribute-path
assert reordered_error is None and renamed_attribute_error is not None
