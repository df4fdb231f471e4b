import keras

from mnist_data import load_mnist

# 200 training images for a 270k-parameter network: enough capacity to memorise them.
# 200 more images are the validation set early stopping watches; the test set stays
# unseen.
images, labels = load_mnist("train", n=400)
test_images, test_labels = load_mnist("test")
x = images[:200].reshape(-1, 784) / 255
x_val = images[200:].reshape(-1, 784) / 255
x_test = test_images.reshape(-1, 784) / 255
y, y_val, y_test = labels[:200], labels[200:], test_labels
loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)


def evaluate(model, x, y):
    logits = model(x, training=False)  # Switches dropout off.
    return float(keras.ops.mean(keras.ops.argmax(logits, 1) == y)), float(
        loss_fn(y, logits)
    )


# Records the training, test and validation loss after every epoch, as the PyTorch
# loop does.
class Curve(keras.callbacks.Callback):
    def __init__(self):
        super().__init__()
        self.curve = {"epoch": [], "train loss": [], "test loss": [], "val loss": []}

    def on_epoch_end(self, epoch, logs=None):
        self.curve["epoch"].append(epoch)
        self.curve["train loss"].append(evaluate(self.model, x, y)[1])
        self.curve["test loss"].append(evaluate(self.model, x_test, y_test)[1])
        self.curve["val loss"].append(evaluate(self.model, x_val, y_val)[1])


def fit(dropout=0.0, weight_decay=0.0, patience=None, epochs=40):
    keras.utils.set_random_seed(0)
    model = keras.Sequential(
        [
            keras.Input((784,)),
            keras.layers.Dense(256, activation="relu"),
            keras.layers.Dropout(dropout),
            keras.layers.Dense(256, activation="relu"),
            keras.layers.Dropout(dropout),
            keras.layers.Dense(10),
        ]
    )
    # AdamW shrinks every weight by lr * weight_decay * weight at each step.
    optimizer = keras.optimizers.AdamW(learning_rate=1e-3, weight_decay=weight_decay)
    model.compile(optimizer=optimizer, loss=loss_fn)
    callbacks = [Curve()]
    if patience is not None:
        # Early stopping: stop once the validation loss has not improved for
        # `patience` epochs, then go back to the best epoch's weights.
        callbacks.append(
            keras.callbacks.EarlyStopping(
                "val_loss", patience=patience, restore_best_weights=True
            )
        )
    history = model.fit(
        x,
        y,
        batch_size=50,
        epochs=epochs,
        callbacks=callbacks,
        verbose=0,
        validation_data=(x_val, y_val) if patience is not None else None,
    )
    return model, len(history.epoch), callbacks[0].curve


# Left unset, AdamW's weight_decay is 0.004 in Keras and 0.01 in PyTorch: set it
# explicitly.
assert keras.optimizers.AdamW().weight_decay == 0.004
results = {
    "setup": [],
    "epochs": [],
    "train accuracy": [],
    "test accuracy": [],
    "test loss": [],
}
for setup, options in [
    ("none", {}),
    ("dropout 0.5", {"dropout": 0.5}),
    ("weight decay 1.0", {"weight_decay": 1.0}),
    ("early stopping", {"patience": 5}),
]:
    model, epochs, curve = fit(**options)
    train_accuracy, _ = evaluate(model, x, y)
    test_accuracy, test_loss = evaluate(model, x_test, y_test)
    print(
        f"{setup:>16}: {epochs:3d} epochs, train accuracy {train_accuracy:.3f}, "
        f"test accuracy {test_accuracy:.3f}, test loss {test_loss:.3f}"
    )
    for key, value in zip(
        results, [setup, epochs, train_accuracy, test_accuracy, test_loss]
    ):
        results[key].append(round(value, 3) if isinstance(value, float) else value)
    if setup == "none":
        overfit_curve = curve

# About 270,000 parameters for 200 images.
n_params = model.count_params()
assert n_params == 784 * 256 + 256 + 256 * 256 + 256 + 256 * 10 + 10  # proof: params
# Without a remedy, the training loss nears zero while the test loss reaches its
# lowest point in the first half of training and ends well above it. Every network
# fits the training set almost perfectly, none the test set.
test_losses = overfit_curve["test loss"]
assert overfit_curve["train loss"][-1] < 0.01  # proof: train-loss-to-zero
lowest = min(test_losses)
# proof: test-loss-climbs
assert test_losses.index(lowest) < 20 and test_losses[-1] > 1.1 * lowest
# proof: train-test-gap
assert min(results["train accuracy"]) > 0.95 and max(results["test accuracy"]) < 0.85
# Every remedy lowers the test loss.
# proof: remedies-lower-test-loss
assert all(loss < results["test loss"][0] for loss in results["test loss"][1:])
# Early stopping ends 5 epochs after the best one, well before the 40 epochs, and
# keeps the best epoch's weights, not the last epoch's, whose validation loss is higher.
val_losses = curve["val loss"]
best, last = min(val_losses), val_losses[-1]
best_epoch, stopped_after = val_losses.index(best) + 1, results["epochs"][3]
restored = evaluate(model, x_val, y_val)[1]
print(f"early stopping: best epoch {best_epoch}, stopped after {stopped_after}")
print(f"early stopping, validation loss: best {best:.3f}, last {last:.3f}")
print(f"early stopping, validation loss of the weights kept: {restored:.3f}")
# proof: early-stopping
assert (
    stopped_after == best_epoch + 5 < 30
    and last > best + 1e-3
    and abs(restored - best) < 1e-5
)
