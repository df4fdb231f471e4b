import keras
import numpy as np
import onnxruntime as ort
import tensorflow as tf
import tf2onnx

# Both files build the same 4-8-3 network from the same seeded NumPy weights.
rng = np.random.default_rng(0)
w1, b1 = rng.normal(size=(4, 8)), rng.normal(size=8)
w2, b2 = rng.normal(size=(8, 3)), rng.normal(size=3)
x = rng.normal(size=(5, 4)).astype(np.float32)

model = keras.Sequential(
    [
        keras.Input(shape=(4,)),
        keras.layers.Dense(8, activation="relu"),
        keras.layers.Dense(3),
    ]
)
# Keras stores a Dense kernel as (in, out): the arrays go in as they are.
model.set_weights([w1, b1, w2, b2])
expected = model(x).numpy()

# tf2onnx converts a tf.function with a declared input signature and writes an ONNX
# file; None leaves the batch dimension free. (Its from_keras fails on Keras 3 models.)
signature = (tf.TensorSpec((None, 4), tf.float32, name="x"),)
forward = tf.function(lambda x: model(x), input_signature=signature)
tf2onnx.convert.from_function(
    forward, input_signature=signature, output_path="model.onnx"
)

# onnxruntime runs the file without TensorFlow, here on a batch of 5.
session = ort.InferenceSession("model.onnx", providers=["CPUExecutionProvider"])
onnx_output = session.run(None, {"x": x})[0]
difference = float(np.abs(onnx_output - expected).max())
print(f"onnxruntime output shape: {onnx_output.shape}")
print(f"largest difference from TensorFlow: {difference:.1e}")
assert onnx_output.shape == (5, 3)
assert difference < 1e-5  # proof: onnx-matches
# The batch dimension stays free in the file: a batch of 3 runs too.
batch_of_3 = session.run(None, {"x": x[:3]})[0]
print(f"batch of 3 through the file: {batch_of_3.shape}")
assert batch_of_3.shape == (3, 3)  # proof: onnx-free-batch
