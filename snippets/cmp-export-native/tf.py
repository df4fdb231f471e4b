import warnings

import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(0)
model = keras.Sequential(
    [
        keras.Input(shape=(4,)),
        keras.layers.Dense(8, activation="relu"),
        keras.layers.Dense(3),
    ]
)
x = np.random.default_rng(0).normal(size=(5, 4)).astype(np.float32)
expected = model(x).numpy()

# model.export writes a SavedModel for inference: graphs plus weights, with a free batch
# size. It reloads without the Python class, and TensorFlow Serving serves it as it is.
model.export("saved_model", verbose=False)
reloaded = tf.saved_model.load("saved_model")
difference = float(np.abs(reloaded.serve(x).numpy() - expected).max())
print(f"signatures: {list(reloaded.signatures)}")
print(f"reloaded as: {type(reloaded).__name__}, not {type(model).__name__}")
print(f"reloaded file, largest difference: {difference:.1e}")
print(f"batch of 2 through the reloaded file: {tuple(reloaded.serve(x[:2]).shape)}")
assert {"serve", "serving_default"} <= set(reloaded.signatures)  # proof: serve-endpoint
# proof: reloads-without-class
assert difference < 1e-6 and not isinstance(reloaded, keras.Model)
assert reloaded.serve(x[:2]).shape == (2, 3)  # proof: dynamic-batch

# The TensorFlow Lite converter turns the SavedModel into one flat buffer for
# on-device runtimes. Its interpreter in tf.lite still runs but warns that it is
# deprecated, points to LiteRT's ai_edge_litert package and names a deletion release
# that has already passed.
flatbuffer = tf.lite.TFLiteConverter.from_saved_model("saved_model").convert()
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    interpreter = tf.lite.Interpreter(model_content=flatbuffer)
message = " ".join(str(caught[0].message).split())
old_path = message.split(". ")[0]
print(f"tf.lite.Interpreter: {old_path}")
print(f"interpreter built in TensorFlow {tf.__version__}")
version = tuple(int(part) for part in tf.__version__.split(".")[:2])
# proof: old-path-warns
assert (
    "ai_edge_litert" in message
    and version > (2, 20)
    and all(word in old_path for word in ("deprecated", "TF 2.20"))
)

interpreter.resize_tensor_input(0, list(x.shape))
interpreter.allocate_tensors()
interpreter.set_tensor(interpreter.get_input_details()[0]["index"], x)
interpreter.invoke()
lite_output = interpreter.get_tensor(interpreter.get_output_details()[0]["index"])
lite_difference = float(np.abs(lite_output - expected).max())
print(
    f"flat buffer: {len(flatbuffer)} bytes, largest difference: {lite_difference:.1e}"
)
assert lite_difference < 1e-5  # proof: lite-matches
