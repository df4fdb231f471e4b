import copy

import torch
import torch.nn.functional as F
from torch import nn

from mnist_data import load_mnist

device = (
    torch.accelerator.current_accelerator()
    if torch.accelerator.is_available()
    else torch.device("cpu")
)

# 200 training images for a 270k-parameter network: enough capacity to memorise them.
# 200 more images are the validation set early stopping watches; the test set stays
# unseen.
images, labels = load_mnist("train", n=400)
test_images, test_labels = load_mnist("test")
x = torch.tensor(images[:200].reshape(-1, 784) / 255, dtype=torch.float32).to(device)
x_val = torch.tensor(images[200:].reshape(-1, 784) / 255, dtype=torch.float32).to(
    device
)
x_test = torch.tensor(test_images.reshape(-1, 784) / 255, dtype=torch.float32).to(
    device
)
y, y_val, y_test = (
    torch.tensor(a).to(device) for a in (labels[:200], labels[200:], test_labels)
)


def evaluate(model, x, y):
    model.eval()  # Switches dropout off.
    with torch.no_grad():
        logits = model(x)
    return (logits.argmax(1) == y).float().mean().item(), F.cross_entropy(
        logits, y
    ).item()


def fit(dropout=0.0, weight_decay=0.0, patience=None, epochs=40):
    torch.manual_seed(0)
    model = nn.Sequential(
        nn.Linear(784, 256),
        nn.ReLU(),
        nn.Dropout(dropout),
        nn.Linear(256, 256),
        nn.ReLU(),
        nn.Dropout(dropout),
        nn.Linear(256, 10),
    ).to(device)
    # AdamW shrinks every weight by lr * weight_decay * weight at each step.
    optimizer = torch.optim.AdamW(
        model.parameters(), lr=1e-3, weight_decay=weight_decay
    )
    curve = {"epoch": [], "train loss": [], "test loss": [], "val loss": []}
    best_loss, best_state, waited = float("inf"), None, 0
    for epoch in range(epochs):
        model.train()
        for batch in torch.randperm(200).split(50):
            loss = F.cross_entropy(model(x[batch]), y[batch])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        curve["epoch"].append(epoch)
        curve["train loss"].append(evaluate(model, x, y)[1])
        curve["test loss"].append(evaluate(model, x_test, y_test)[1])
        curve["val loss"].append(evaluate(model, x_val, y_val)[1])
        if patience is None:
            continue
        # Early stopping: stop once the validation loss has not improved for
        # `patience` epochs.
        val_loss = curve["val loss"][-1]
        if val_loss < best_loss:
            best_loss, best_state, waited = (
                val_loss,
                copy.deepcopy(model.state_dict()),
                0,
            )
        else:
            waited += 1
        if waited >= patience:
            model.load_state_dict(best_state)  # Go back to the best epoch's weights.
            break
    return model, epoch + 1, curve


# Left unset, AdamW's weight_decay is 0.01 in PyTorch and 0.004 in Keras: set it
# explicitly.
assert torch.optim.AdamW([torch.zeros(1)]).defaults["weight_decay"] == 0.01
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
n_params = sum(p.numel() for p in model.parameters())
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
