import torch
from torch import nn

torch.manual_seed(0)
if torch.accelerator.is_available():
    device = torch.accelerator.current_accelerator()
else:
    device = torch.device("cpu")


def build_model():
    return nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3)).to(device)


model = build_model()
x = torch.randn(5, 4, device=device)

# A state_dict maps parameter (and buffer) names to tensors; torch.save pickles that
# dict.
torch.save(model.state_dict(), "model_weights.pt")
print(f"saved: { {name: tuple(t.shape) for name, t in model.state_dict().items()} }")

# Loading needs the code that builds the model; the file holds only tensors.
# torch.load runs with weights_only=True by default, which is enough for a dict of
# tensors.
restored = build_model()
# A new build differs until it loads.
assert (restored(x) - model(x)).abs().max().item() > 0
restored.load_state_dict(torch.load("model_weights.pt", map_location=device))

with torch.no_grad():
    max_difference = (restored(x) - model(x)).abs().max().item()
print(f"max |difference| of predictions after the round trip: {max_difference}")
assert max_difference == 0  # proof: round-trip
