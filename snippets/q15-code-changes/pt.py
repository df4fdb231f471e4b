from collections import OrderedDict

import torch
from torch import nn

torch.manual_seed(0)


def build_model(width=8, first="hidden"):
    layers = [
        (first, nn.Linear(4, width)),
        ("act", nn.ReLU()),
        ("out", nn.Linear(width, 3)),
    ]
    return nn.Sequential(OrderedDict(layers))


def load_error(model, path):
    try:
        model.load_state_dict(torch.load(path))
        return None
    except RuntimeError as error:
        return str(error).splitlines()[1].strip()


model = build_model()
torch.save(model.state_dict(), "model_weights.pt")
print(f"saved: {list(model.state_dict())}")

# PyTorch matches tensors by attribute name: a renamed layer fails, even with equal
# shapes.
renamed_error = load_error(build_model(first="encoder"), "model_weights.pt")
print(f"renamed layer: {renamed_error or 'loads'}")

# A changed width fails too: the names match but the shapes do not.
resized_error = load_error(build_model(width=16), "model_weights.pt")
print(f"wider layer: {resized_error or 'loads'}")
assert renamed_error is not None and resized_error is not None

# strict=False loads what matches by name and reports the rest instead of failing.
partial = build_model(first="encoder")
report = partial.load_state_dict(torch.load("model_weights.pt"), strict=False)
print(
    f"strict=False: missing {report.missing_keys}, unexpected {report.unexpected_keys}"
)
assert report.missing_keys == ["encoder.weight", "encoder.bias"]
assert report.unexpected_keys == ["hidden.weight", "hidden.bias"]
assert torch.equal(
    partial.out.weight, model.out.weight
)  # The layer whose name matched loaded.
