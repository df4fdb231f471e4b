import pickle
import re

import torch
from torch import nn

torch.manual_seed(0)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(4, 8)
        self.out = nn.Linear(8, 3)

    def forward(self, x):
        return self.out(torch.relu(self.hidden(x)))


# torch.save(model) pickles the whole object: tensors plus a reference to the class Net.
model = Net()
torch.save(model, "model.pt")

# torch.load defaults to weights_only=True and refuses classes outside its allowlist.
try:
    torch.load("model.pt")
    refused = False
except pickle.UnpicklingError as error:
    refused = True
    reason = next(
        line for line in str(error).splitlines() if "Unsupported global" in line
    )
    print(f"torch.load refused: {reason.split(' was not')[0].strip()}")
    # The error message itself names the release that changed the default.
    changed_in = re.search(
        r"In PyTorch ([\d.]+), we changed the default value", str(error)
    )[1]
    print(f"default changed to weights_only=True in: PyTorch {changed_in}")
    assert changed_in == "2.6"  # proof: changed-in
    # It also warns that loading with weights_only=False can run arbitrary code.
    assert "arbitrary code execution" in str(error)  # proof: warns-code
assert refused  # proof: refused

# Allowlisting Net alone is not enough; every class the file names (Net, Linear) is.
try:
    with torch.serialization.safe_globals([Net]):
        torch.load("model.pt")
    net_alone_loads = True
except pickle.UnpicklingError:
    net_alone_loads = False
with torch.serialization.safe_globals([Net, nn.Linear]):
    allowed = torch.load("model.pt")
print(f"with Net allowlisted: loads {net_alone_loads}")
print(f"with Net and Linear allowlisted: {type(allowed).__name__}")
assert not net_alone_loads and type(allowed).__name__ == "Net"  # proof: allowlist

# weights_only=False runs the pickle: only ever do it for a file you trust.
restored = torch.load("model.pt", weights_only=False)
print(f"weights_only=False gives: {type(restored).__name__}")
assert type(restored).__name__ == "Net"  # proof: trusted-load

# The file names the class but does not contain its code: without Net, loading fails.
del Net
try:
    torch.load("model.pt", weights_only=False)
    failed = False
except AttributeError as error:
    failed = True
    print(f"after the class is gone: {str(error).split(' on ')[0]}")
assert failed  # proof: class-gone
