import keras
import numpy as np
import onnxruntime as ort
import tensorflow as tf

# Full float32 on GPUs too (no TF32).
tf.config.experimental.enable_tensor_float_32_execution(False)
# The same seeded weights and inputs in both files; files go to the working directory.
rng = np.random.default_rng(0)
rows = tf.constant(rng.standard_normal((4, 3)).astype(np.float32))
more_rows = tf.constant(rng.standard_normal((5, 3)).astype(np.float32))
# The kernel, as Keras stores it: (in, out).
kernel = rng.standard_normal((3, 2)).astype(np.float32)
model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])
model.set_weights([kernel, np.zeros(2, np.float32)])

# compile_result: torch.compile captures Python bytecode into graphs (falling back to
# Python where it cannot); tf.function traces the Python function into a graph per input
# signature.
calls = []


def scaled_sine(x):
    calls.append(1)  # A Python side effect.
    return tf.sin(x) * 2 + x


compiled = tf.function(scaled_sine)
compile_result = [compiled(rows) for _ in range(3)][-1]
print(f"compile_result: {compile_result[0].numpy().tolist()}")

# side_effects: under torch.compile the side effect happens on every call; in a
# tf.function only while it traces, and it traces again for a new input shape.
assert len(calls) == 1
compiled(more_rows)  # A new shape.
assert len(calls) == 2
side_effects = compile_result
print(f"side_effects: Python ran {len(calls)} times in 4 calls")

# xla: jit_compile=True asks TensorFlow for XLA; PyTorch's own compiler is
# torch.compile.
xla = tf.function(model, jit_compile=True)(rows)
print(f"xla: {xla[0].numpy().tolist()}")

# dynamic_shapes: mark the batch axis as dynamic, so one graph serves every batch size.
signature = [tf.TensorSpec((None, 3), tf.float32)]
program = tf.function(model, input_signature=signature)
dynamic_shapes = program(more_rows)
print(f"dynamic_shapes: batch of {len(dynamic_shapes)} through a graph traced on None")

# export: a graph saved to disk, loaded and run without the Python class.
model.export("exported", verbose=False)  # A SavedModel; tf.saved_model.save works too.
loaded = tf.saved_model.load("exported")  # Keep a reference: it owns the variables.
export = loaded.serve(rows)
print(f"export: {export[0].numpy().tolist()}")

# onnx: export to ONNX and run it in onnxruntime.
model.export("model.onnx", format="onnx", verbose=False)
session = ort.InferenceSession("model.onnx", providers=["CPUExecutionProvider"])
onnx = session.run(None, {session.get_inputs()[0].name: more_rows.numpy()})[0]
print(f"onnx: {onnx.shape}")
