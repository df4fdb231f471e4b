import keras
import numpy as np
import onnxruntime as ort
import tensorflow as tf
import tf2onnx

# TensorFlow's tf.keras is the Keras 3 package itself.
print(
    f"tf2onnx {tf2onnx.__version__}, TensorFlow {tf.__version__}, "
    f"Keras {keras.__version__}"
)
print(f"tf.keras is Keras 3: {tf.keras.Sequential is keras.Sequential}")
# proof: tf-keras-is-keras-3
assert keras.__version__.startswith("3.") and tf.keras.Sequential is keras.Sequential

model = keras.Sequential(
    [
        keras.Input(shape=(4,)),
        keras.layers.Dense(8, activation="relu"),
        keras.layers.Dense(3),
    ]
)
x = np.random.default_rng(0).normal(size=(5, 4)).astype(np.float32)
expected = model(x).numpy()
signature = (tf.TensorSpec((None, 4), tf.float32, name="x"),)

# tf2onnx.convert.from_keras was written for Keras 2 (tf.keras) models; on a Keras 3
# model it fails, looking up a Keras 3 tensor name in the converted graph. Wrapping the
# model in a tf.function and calling from_function works.
try:
    tf2onnx.convert.from_keras(model, input_signature=signature)
    error = None
except Exception as caught:
    error = f"{type(caught).__name__}: {caught}"
print(f"from_keras: {error}")
assert error is not None, "from_keras converts Keras 3 models now: update the page"
version = tf2onnx.__version__
# proof: from-keras-fails
assert error.startswith("KeyError: 'keras_tensor") and version.startswith("1.17.")

# Keras's own export does that for you: on the TensorFlow backend, format="onnx" traces
# the model into a tf.function and hands it to tf2onnx.convert.from_function.
model.export("model.onnx", format="onnx", verbose=False)
session = ort.InferenceSession("model.onnx", providers=["CPUExecutionProvider"])
onnx_output = session.run(None, {session.get_inputs()[0].name: x})[0]
difference = float(np.abs(onnx_output - expected).max())
print(
    f"model.export(format='onnx') in onnxruntime, largest difference: {difference:.1e}"
)
assert onnx_output.shape == (5, 3) and difference < 1e-5  # proof: keras-export-onnx
