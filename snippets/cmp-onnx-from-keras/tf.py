import keras
import tensorflow as tf
import tf2onnx

model = keras.Sequential(
    [keras.Input(shape=(4,)), keras.layers.Dense(8, activation="relu"), keras.layers.Dense(3)]
)
signature = (tf.TensorSpec((None, 4), tf.float32, name="x"),)
print(f"tf2onnx {tf2onnx.__version__}, TensorFlow {tf.__version__}, Keras {keras.__version__}")

# tf2onnx.convert.from_keras was written for Keras 2 (tf.keras) models; on a Keras 3
# model it fails. Wrapping the model in a tf.function and calling from_function works.
try:
    tf2onnx.convert.from_keras(model, input_signature=signature)
    error = None
except Exception as caught:
    error = f"{type(caught).__name__}: {caught}"
print(f"from_keras: {error}")
assert error is not None, "from_keras converts Keras 3 models now: update the comparison page"
