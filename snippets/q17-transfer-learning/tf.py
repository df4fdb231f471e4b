import keras
import numpy as np

from mnist_data import load_mnist

keras.utils.set_random_seed(0)

# Task A: digits 0-4, plenty of examples. Task B: digits 5-9, only 50 labelled examples.
images, labels = load_mnist("train", n=9800)
x = (images[..., None] / 255.0).astype("float32")
y = labels
x_a, y_a = x[y < 5][:3000], y[y < 5][:3000]
x_b, y_b = x[y >= 5], y[y >= 5] - 5
x_b_train, y_b_train, x_b_test, y_b_test = x_b[:50], y_b[:50], x_b[1000:], y_b[1000:]


def build_base():
    conv = [keras.layers.Conv2D(16, 3, activation="relu"), keras.layers.MaxPooling2D(2)]
    conv += [
        keras.layers.Conv2D(32, 3, activation="relu"),
        keras.layers.MaxPooling2D(2),
    ]
    return keras.Sequential([keras.Input((28, 28, 1)), *conv, keras.layers.Flatten()])


def train(model, x, y, epochs, learning_rate):
    """Train, then return the accuracy on task B's held-out digits."""
    # compile() reads which weights are trainable: call it after every change.
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    model.compile(optimizer=keras.optimizers.Adam(learning_rate), loss=loss)
    model.fit(x, y, batch_size=50, epochs=epochs, verbose=0)
    predictions = model.predict(x_b_test, verbose=0)
    return float(np.mean(np.argmax(predictions, axis=1) == y_b_test))


# Pretrain the convolutional base with a 5-way head on task A.
base = build_base()
train(
    keras.Sequential([base, keras.layers.Dense(5)]),
    x_a,
    y_a,
    epochs=2,
    learning_rate=1e-3,
)

# Freeze the base (trainable = False) and give it a new head for task B.
model = keras.Sequential([base, keras.layers.Dense(5)])
trainable_before = sum(int(np.prod(w.shape)) for w in model.trainable_weights)
base.trainable = False
trainable_after = sum(int(np.prod(w.shape)) for w in model.trainable_weights)
# proof: trainable
print(
    f"trainable parameters: {trainable_before} before freezing, {trainable_after} after"
)
assert trainable_after == 800 * 5 + 5 < trainable_before  # proof: head-only
frozen_accuracy = train(model, x_b_train, y_b_train, epochs=30, learning_rate=1e-2)

# Fine-tune: unfreeze the base and train everything a little more with a small
# learning rate.
base.trainable = True
fine_tuned_accuracy = train(model, x_b_train, y_b_train, epochs=10, learning_rate=1e-4)

# Baseline: the same network trained from scratch on the 50 examples of task B alone.
scratch = keras.Sequential([build_base(), keras.layers.Dense(5)])
scratch_accuracy = train(scratch, x_b_train, y_b_train, epochs=30, learning_rate=1e-3)

accuracy = {
    "model": ["frozen base, new head", "fine-tuned", "from scratch"],
    "task B accuracy": [frozen_accuracy, fine_tuned_accuracy, scratch_accuracy],
}
print(f"task B accuracy on {len(x_b_test)} held-out digits:")
for name, value in zip(*accuracy.values()):
    print(f"  {name}: {value:.3f}")  # proof: accuracy
# Far above the 0.2 of guessing among five digits.
assert frozen_accuracy > 0.5  # proof: above-chance
