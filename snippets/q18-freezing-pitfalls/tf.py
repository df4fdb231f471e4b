import inspect

import keras
import numpy as np

keras.utils.set_random_seed(0)
x, y = keras.random.uniform((64, 4)) * 3 + 1, keras.random.uniform((64, 1))

# A pretrained base with batch normalisation, a head, and compile() called before freezing.
base = keras.Sequential(
    [keras.Input((4,)), keras.layers.Dense(8), keras.layers.BatchNormalization()]
)
model = keras.Sequential([base, keras.layers.Dense(1)])
model.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse")


def train_and_check():
    weight, running_mean = base.layers[0].kernel.numpy(), base.layers[1].moving_mean.numpy()
    model.fit(x, y, batch_size=64, epochs=5, verbose=0)
    return [
        not np.array_equal(weight, base.layers[0].kernel),
        not np.array_equal(running_mean, base.layers[1].moving_mean),
    ]


training = train_and_check()

# fit() builds its training step once after compile(), reading which weights are trainable
# then: a later trainable = False goes unseen until compile() runs again, batch norm included.
base.trainable = False
frozen = train_and_check()

# compile() again: the base stops training, and a frozen batch norm layer runs in inference
# mode, normalising with its moving averages and no longer updating them.
model.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse")
frozen_and_fixed = train_and_check()

checks = {
    "step": ["training", "frozen", "frozen, then fixed"],
    "weights changed": [training[0], frozen[0], frozen_and_fixed[0]],
    "running statistics changed": [training[1], frozen[1], frozen_and_fixed[1]],
}
for row in zip(*checks.values()):
    print(f"{row[0]}: weights changed {row[1]}, running statistics changed {row[2]}")
assert training == [True, True] and frozen == [True, True] and frozen_and_fixed == [False, False]

# keras.applications builds well-known architectures; by default it downloads ImageNet weights.
default_weights = inspect.signature(keras.applications.MobileNetV2).parameters["weights"].default
print(f"keras.applications.MobileNetV2 default weights: {default_weights}")
assert default_weights == "imagenet"
