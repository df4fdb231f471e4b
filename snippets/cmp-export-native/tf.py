import warnings

import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(0)
model = keras.Sequential(
    [keras.Input(shape=(4,)), keras.layers.Dense(8, activation="relu"), keras.layers.Dense(3)]
)
x = np.random.default_rng(0).normal(size=(5, 4)).astype(np.float32)
expected = model(x).numpy()

# model.export writes a SavedModel for inference: graphs plus weights, with a free batch
# size. It reloads without the Python class, and TensorFlow Serving serves it as it is.
model.export("saved_model", verbose=False)
reloaded = tf.saved_model.load("saved_model")
difference = float(np.abs(reloaded.serve(x).numpy() - expected).max())
print(f"signatures: {list(reloaded.signatures)}")
print(f"reloaded file, largest difference: {difference:.1e}")
assert difference < 1e-6

# The TensorFlow Lite converter turns the SavedModel into one flat buffer for phones and
# microcontrollers. Its interpreter in tf.lite still runs but warns that it is deprecated.
flatbuffer = tf.lite.TFLiteConverter.from_saved_model("saved_model").convert()
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    interpreter = tf.lite.Interpreter(model_content=flatbuffer)
old_path = " ".join(str(caught[0].message).split()).split(". ")[0]
print(f"tf.lite.Interpreter: {old_path}")
assert "deprecated" in old_path

interpreter.resize_tensor_input(0, list(x.shape))
interpreter.allocate_tensors()
interpreter.set_tensor(interpreter.get_input_details()[0]["index"], x)
interpreter.invoke()
lite_output = interpreter.get_tensor(interpreter.get_output_details()[0]["index"])
lite_difference = float(np.abs(lite_output - expected).max())
print(f"flat buffer: {len(flatbuffer)} bytes, largest difference: {lite_difference:.1e}")
assert lite_difference < 1e-5
