import os

# Keras 3 picks its backend once, at import, from KERAS_BACKEND.
os.environ["KERAS_BACKEND"] = "torch"

import keras  # noqa: E402
import numpy as np  # noqa: E402
import torch  # noqa: E402

# Full float32 matmuls on a GPU as well, so the two files can agree to 1e-5
# (already PyTorch's default; TensorFlow's default is TF32 where the GPU has it).
# PyTorch's TF32 default is for cuDNN convolutions only, which this model does not use.
matmul, conv = torch.get_float32_matmul_precision(), torch.backends.cudnn.allow_tf32
assert matmul == "highest" and conv  # proof: tf32-default
torch.backends.cuda.matmul.fp32_precision = "ieee"

# The same Keras code in both files; constant initial weights make the runs comparable.
model = keras.Sequential(
    [keras.Input(shape=(4,)), keras.layers.Dense(1, kernel_initializer="ones")]
)
model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.01), loss="mse")
x = np.arange(32, dtype="float32").reshape(8, 4) / 32
y = x.sum(axis=1, keepdims=True) * 0.5
history = model.fit(x, y, epochs=3, batch_size=8, verbose=0)
loss = history.history["loss"]
output = model(x[:2])

print(f"backend: {keras.config.backend()}")
# compile() leaves run_eagerly=False; jit_compile="auto" means eager PyTorch on this
# backend, so fit runs plain PyTorch ops (jit_compile=True would use torch.compile).
print(f"run_eagerly: {model.run_eagerly}, jit_compile: {model.jit_compile}")
assert model.run_eagerly is False and model.jit_compile is False  # proof: jit-auto
print(f"losses: {np.round(loss, 6).tolist()}")  # proof: same-losses
print(f"output type: {type(output).__module__}.{type(output).__name__}")
# Keras variables wrap the backend's own variable type.
weights = model.weights[0].value
print(f"weights stored as: {type(weights).__module__}.{type(weights).__name__}")
assert isinstance(output, torch.Tensor)
assert isinstance(weights, torch.nn.Parameter)  # proof: backend-variables
