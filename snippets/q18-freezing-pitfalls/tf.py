import inspect

import keras
import numpy as np

keras.utils.set_random_seed(0)
x, y = keras.random.uniform((64, 4)) * 3 + 1, keras.random.uniform((64, 1))

# A pretrained base with batch normalisation, a head, and compile() called before
# freezing.
base = keras.Sequential(
    [keras.Input((4,)), keras.layers.Dense(8), keras.layers.BatchNormalization()]
)
model = keras.Sequential([base, keras.layers.Dense(1)])
model.compile(optimizer=keras.optimizers.SGD(0.01), loss="mse")


def train_and_check():
    weight, running_mean = (
        base.layers[0].kernel.numpy(),
        base.layers[1].moving_mean.numpy(),
    )
    loss = model.fit(x, y, batch_size=64, epochs=5, verbose=0).history["loss"][-1]
    assert np.isfinite(
        loss
    )  # A diverged run (NaN) would make every check read "changed".
    return [
        not np.array_equal(weight, base.layers[0].kernel),
        not np.array_equal(running_mean, base.layers[1].moving_mean),
    ]


training = train_and_check()

# fit() builds its training step once after compile(), reading which weights are
# trainable then: a later trainable = False goes unseen until compile() runs again,
# batch norm included.
base.trainable = False
frozen = train_and_check()

# compile() again: the base stops training, and a frozen batch norm layer runs in
# inference mode, normalising with its moving averages and no longer updating them.
model.compile(optimizer=keras.optimizers.SGD(0.01), loss="mse")
frozen_and_fixed = train_and_check()
# Inference mode: called in training mode, the frozen base gives its inference output.
inference_mode = np.array_equal(base(x, training=True), base(x, training=False))

# Fine-tune: unfreeze the base and compile() again. In training mode, fit() puts a
# trainable batch norm layer back on batch statistics, so its moving averages move
# again.
base.trainable = True
model.compile(optimizer=keras.optimizers.SGD(0.01), loss="mse")
unfrozen = train_and_check()

# Calling the base with training=False, as Keras 2 guides advise, no longer helps: in
# Keras 3 a functional model passes the training value of its own call (True in fit)
# to every layer that takes one, replacing the False given when the model was built.
inputs = keras.Input((4,))
model = keras.Model(inputs, model.layers[-1](base(inputs, training=False)))
model.compile(optimizer=keras.optimizers.SGD(0.01), loss="mse")
ignored = train_and_check()
print(
    "unfrozen, base called with training=False: "
    f"running statistics changed {ignored[1]}"
)
assert ignored == [True, True]  # proof: training-false

# The fix: freeze the batch norm layers themselves (trainable = False puts them in
# inference mode, as above) and compile() again; the other weights of the base still
# fine-tune.
for layer in base.layers:
    if isinstance(layer, keras.layers.BatchNormalization):
        layer.trainable = False
model.compile(optimizer=keras.optimizers.SGD(0.01), loss="mse")
unfrozen_and_fixed = train_and_check()

stages = [training, frozen, frozen_and_fixed, unfrozen, unfrozen_and_fixed]
checks = {
    "step": [
        "training",
        "frozen",
        "frozen, then fixed",
        "unfrozen",
        "unfrozen, then fixed",
    ],
    "weights changed": [stage[0] for stage in stages],
    "running statistics changed": [stage[1] for stage in stages],
}
for row in zip(*checks.values()):
    print(f"{row[0]}: weights changed {row[1]}, running statistics changed {row[2]}")
assert training == [True, True]  # proof: training
# Frozen without compile(): the weights and the running statistics still move.
assert frozen == [True, True]  # proof: frozen-unseen
assert frozen_and_fixed == [False, False] and inference_mode  # proof: compile-fixed
assert unfrozen == [True, True]  # proof: unfrozen
assert unfrozen_and_fixed == [True, False]  # proof: unfrozen-fixed

# keras.applications builds well-known architectures; by default it downloads ImageNet
# weights.
default_weights = (
    inspect.signature(keras.applications.MobileNetV2).parameters["weights"].default
)
print(f"keras.applications.MobileNetV2 default weights: {default_weights}")
assert default_weights == "imagenet"  # proof: applications
