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


def load_error(model, path, strict=True):
    try:
        model.load_state_dict(torch.load(path), strict=strict)
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
assert renamed_error is not None  # proof: renamed-layer

# A changed width fails too: the names match but the shapes do not.
resized_error = load_error(build_model(width=16), "model_weights.pt")
print(f"wider layer: {resized_error or 'loads'}")
assert resized_error is not None  # proof: wider-layer

# strict=False loads what matches by name and reports the rest instead of failing.
partial = build_model(first="encoder")
report = partial.load_state_dict(torch.load("model_weights.pt"), strict=False)
print(
    f"strict=False: missing {report.missing_keys}, unexpected {report.unexpected_keys}"
)
assert report.missing_keys == ["encoder.weight", "encoder.bias"]
assert report.unexpected_keys == ["hidden.weight", "hidden.bias"]  # proof: strict-keys
# The layer whose name matched loaded.
assert torch.equal(partial.out.weight, model.out.weight)  # proof: strict-loads

# strict=False forgives names, not shapes: the wider layer still fails.
skipped_error = load_error(build_model(width=16), "model_weights.pt", strict=False)
print(f"strict=False, wider layer: {skipped_error or 'loads'}")
assert skipped_error is not None  # proof: mismatch


# In a model class of your own, the names are the attribute names.
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden, self.head = nn.Linear(4, 8), nn.Linear(8, 3)

    def forward(self, x):
        return self.head(torch.relu(self.hidden(x)))


class Reordered(Net):
    def __init__(self):  # The same attributes, created in the other order.
        nn.Module.__init__(self)
        self.head, self.hidden = nn.Linear(8, 3), nn.Linear(4, 8)


class Renamed(nn.Module):
    def __init__(self):  # The attribute hidden renamed to encoder.
        super().__init__()
        self.encoder, self.head = nn.Linear(4, 8), nn.Linear(8, 3)

    def forward(self, x):
        return self.head(torch.relu(self.encoder(x)))


net = Net()
torch.save(net.state_dict(), "net_weights.pt")
reordered_error = load_error(Reordered(), "net_weights.pt")
print(f"class, attributes reordered: {reordered_error or 'loads'}")
renamed_attribute_error = load_error(Renamed(), "net_weights.pt")
print(f"class, attribute renamed: {renamed_attribute_error or 'loads'}")
# proof: attribute-path
assert reordered_error is None and renamed_attribute_error is not None
