import keras

keras.utils.set_random_seed(0)

# 784 pixels in, 128 hidden units with ReLU, 10 class scores (logits) out.
# Keras needs the input size up front (keras.Input) to create the weights.
model = keras.Sequential(
    [
        keras.Input(shape=(784,)),
        keras.layers.Dense(128, activation="relu"),
        keras.layers.Dense(10),
    ]
)
model.summary()

n_params = model.count_params()
print(f"parameters: {n_params}")
assert n_params == 784 * 128 + 128 + 128 * 10 + 10

logits = model(keras.random.uniform((2, 784)))
print(f"output shape: {tuple(logits.shape)}")
