import os
import unittest

import keras
import tensorflow as tf

keras.utils.set_random_seed(0)
# In TensorFlow 2.16 and later, tf.keras is Keras 3: the same classes as `import keras`.
print(f"tf.keras is Keras {keras.__version__}: {tf.keras.Model is keras.Model}")
# proof: tf-keras
assert tf.keras.Model is keras.Model and keras.version().startswith("3.")


class Net(keras.Model):
    def __init__(self):
        super().__init__()
        self.hidden = keras.layers.Dense(8, activation="relu")
        self.out = keras.layers.Dense(3)

    def call(self, x):
        return self.out(self.hidden(x))


model = Net()
x = keras.random.normal((5, 4))
model(x)  # The first call creates the weights.

# model.export traces call() into a TensorFlow SavedModel: a graph plus the weights,
# for TF Serving or TFLite. The batch dimension stays unknown (None), so any batch
# size works.
model.export("exported_model", verbose=False)
print(f"SavedModel folder: {sorted(os.listdir('exported_model'))}")

# Loading needs no Python class: the graph is in the folder.
del Net
loaded = tf.saved_model.load("exported_model")
print(f"exported input signature: {loaded.serve.input_signature[0].shape}")
assert loaded.serve.input_signature[0].shape.as_list() == [None, 4]  # proof: any-batch
max_difference = float(tf.reduce_max(tf.abs(loaded.serve(x) - model(x))))
print(f"max |difference| of predictions after the round trip: {max_difference}")
batch_of_7 = tuple(loaded.serve(tf.random.normal((7, 4))).shape)
print(f"output shape for a batch of 7: {batch_of_7}")
assert max_difference == 0  # proof: no-class
assert batch_of_7 == (7, 3)  # proof: any-batch-run

# Inside Keras, TFSMLayer wraps an exported SavedModel as an inference-only layer.
wrapped = keras.layers.TFSMLayer("exported_model", call_endpoint="serve")
assert float(tf.reduce_max(tf.abs(wrapped(x) - model(x)))) == 0

# TensorFlow's own tf.saved_model.save still writes a SavedModel from a Keras 3 model.
# Its default signature, serving_default, is traced at the shape of the model's first
# call, even after a later call with another batch size.
model(tf.zeros((7, 4)))
tf.saved_model.save(model, "tf_saved_model")
print(f"tf.saved_model.save folder: {sorted(os.listdir('tf_saved_model'))}")
signature = tf.saved_model.load("tf_saved_model").signatures["serving_default"]
signature_shape = signature.structured_input_signature[1]["inputs"].shape
print(f"tf.saved_model.save input signature: {signature_shape}")
assert signature_shape.as_list() == [5, 4]  # proof: saved-signature
saved_difference = float(
    tf.reduce_max(tf.abs(signature(inputs=x)["output_0"] - model(x)))
)
print(f"tf.saved_model.save, max |difference| of predictions: {saved_difference}")
assert saved_difference == 0  # proof: tf-saved-model

# Keras 3's model.save no longer writes a SavedModel folder, load_model cannot read one,
# and .h5 files still save but are called legacy.
check = unittest.TestCase()
with check.assertRaises(ValueError) as refused:
    model.save("saved_model_dir")
print(f"model.save('saved_model_dir'): {str(refused.exception).split('.')[0]}")
assert "extension" in str(refused.exception)  # proof: save-refused
with check.assertRaises(ValueError) as refused:
    keras.models.load_model("exported_model")
print(f"load_model('exported_model'): {str(refused.exception).split(':')[0]}")
assert "TFSMLayer" in str(refused.exception)  # proof: load-refused
with check.assertLogs("absl", level="WARNING") as logs:
    model.save("model.h5")
print(f"model.save('model.h5') logs: {logs.output[0].split('. ')[1]}")
assert "legacy" in logs.output[0] and os.path.exists("model.h5")  # proof: h5-legacy
